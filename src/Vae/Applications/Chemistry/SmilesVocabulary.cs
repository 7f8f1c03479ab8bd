using System.Text.Json;
using Vae.Applications.Chemistry.Selfies;
using Vae.Data;
using Vae.IO;
using Vae.Nn;

namespace Vae.Applications.Chemistry;

/// <summary>
/// The token alphabet of a SMILES model: four special tokens (padding 0, start 1, end 2, unknown 3)
/// followed by the tokens of the training molecules, most frequent first (ties in ordinal order), so
/// the same molecules always give the same vocabulary. Saved as JSON beside the model
/// (<see cref="FileName"/>) because a model's output layer only means something with its vocabulary.
/// With <see cref="TokenLanguage.Selfies"/> the tokens are SELFIES symbols: a SMILES string is encoded
/// to SELFIES first (<see cref="SelfiesEncoder"/>) and a sequence is decoded back to SMILES
/// (<see cref="SelfiesDecoder"/>), so callers see SMILES either way.
/// </summary>
public sealed class SmilesVocabulary
{
    public const string FileName = "vocabulary.json";
    public const string Pad = "<pad>", Start = "<start>", End = "<end>", Unknown = "<unk>";
    public const int PadId = SequenceTokens.Pad, StartId = SequenceTokens.Start, EndId = SequenceTokens.End, UnknownId = SequenceTokens.Unknown;
    const string Format = "vae-smiles-vocabulary";

    readonly Dictionary<string, int> ids;

    SmilesVocabulary(IReadOnlyList<string> tokens, TokenLanguage language)
    {
        Language = language;
        if (tokens.Count < 4 || tokens[0] != Pad || tokens[1] != Start || tokens[2] != End || tokens[3] != Unknown)
            throw new VaeException($"a SMILES vocabulary starts with {Pad}, {Start}, {End}, {Unknown}.");
        Tokens = tokens;
        ids = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < tokens.Count; i++)
            if (!ids.TryAdd(tokens[i], i)) throw new VaeException($"the SMILES vocabulary lists '{tokens[i]}' twice.");
        if (language == TokenLanguage.Selfies)
            for (int i = UnknownId + 1; i < tokens.Count; i++)
                if (tokens[i] != "." && SelfiesSymbol.TryParse(tokens[i]) is null)
                    throw new VaeException($"the SELFIES vocabulary's token {i} '{tokens[i]}' is not a SELFIES symbol.");
    }

    /// <summary>Whether the tokens are SMILES tokens or SELFIES symbols.</summary>
    public TokenLanguage Language { get; }

    /// <summary>All tokens; the index of a token is its id.</summary>
    public IReadOnlyList<string> Tokens { get; }

    public int Count => Tokens.Count;

    /// <summary>A vocabulary from its token list (as stored in a model's config), checking the special tokens come first.</summary>
    public static SmilesVocabulary FromTokens(IReadOnlyList<string> tokens, TokenLanguage language = TokenLanguage.Smiles) => new(tokens, language);

    public static SmilesVocabulary Build(IEnumerable<string> smiles, TokenLanguage language = TokenLanguage.Smiles)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (string s in smiles)
            foreach (string t in Tokenize(s, language))
                counts[t] = counts.GetValueOrDefault(t) + 1;
        var ordered = counts.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => kv.Key);
        return new SmilesVocabulary([Pad, Start, End, Unknown, .. ordered], language);
    }

    /// <summary>The tokens of a SMILES string in a language: SMILES tokens, or the symbols of its SELFIES (a molecule SELFIES cannot write is an error).</summary>
    public static List<string> Tokenize(string smiles, TokenLanguage language)
    {
        if (language == TokenLanguage.Smiles) return SmilesTokenizer.Tokenize(smiles);
        try { return SelfiesEncoder.EncodeSymbols(smiles); }
        catch (SelfiesException e) { throw new VaeException($"'{smiles}' has no SELFIES: {e.Message}"); }
    }

    public int Id(string token) => ids.TryGetValue(token, out int id) && id > UnknownId ? id : UnknownId;

    /// <summary>Token ids of a SMILES string, without start and end; unseen tokens become <see cref="UnknownId"/>.</summary>
    public int[] Encode(string smiles) => Tokenize(smiles, Language).Select(Id).ToArray();

    /// <summary>
    /// The SMILES spelled by a sequence of ids: start and padding are skipped, the first end token
    /// stops it, and an unknown token is written as '?' (so the string cannot pass as valid). SELFIES symbols
    /// are derived into a molecule and written as SMILES; there an unknown token is skipped as [nop] is, so
    /// every sequence is a molecule (or none, "", when no symbol places an atom).
    /// </summary>
    public string Decode(IEnumerable<int> sequence)
    {
        if (Language == TokenLanguage.Selfies)
            return SelfiesDecoder.ToSmiles(sequence.TakeWhile(id => id != EndId).Where(id => id > UnknownId && id < Count).Select(id => Tokens[id]).ToList(), checkedValences: true);
        var sb = new System.Text.StringBuilder();
        foreach (int id in sequence)
        {
            if (id == EndId) break;
            if (id is PadId or StartId) continue;
            sb.Append(id > UnknownId && id < Count ? Tokens[id] : "?");
        }
        return sb.ToString();
    }

    sealed record FileContent(string Format, int Version, IReadOnlyList<string> Tokens, TokenLanguage Language = TokenLanguage.Smiles);

    public void Save(string path) =>
        AtomicFile.WriteAllText(path, JsonSerializer.Serialize(new FileContent(Format, 1, Tokens, Language), Json.Pretty));

    /// <summary>Reads a vocabulary from a file, or from a model folder holding <see cref="FileName"/>.</summary>
    public static SmilesVocabulary Load(string path)
    {
        if (Directory.Exists(path)) path = Path.Combine(path, FileName);
        var content = Json.ReadFile<FileContent>(path);
        if (content.Format != Format || content.Version != 1)
            throw new VaeException($"{path}: not a SMILES vocabulary (format {content.Format}, version {content.Version}).");
        try { return new SmilesVocabulary(content.Tokens, content.Language); }
        catch (VaeException e) { throw new VaeException($"{path}: {e.Message}"); }
    }
}
