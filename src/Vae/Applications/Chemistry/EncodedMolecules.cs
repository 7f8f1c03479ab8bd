using Vae.Data;

namespace Vae.Applications.Chemistry;

/// <summary>
/// A molecule set as fixed-length rows of token ids, ready for a sequence model. Each row is
/// <c>start, t₁ … tₙ, end, pad …</c> of length <see cref="Length"/> = <see cref="MaxTokens"/> + 2,
/// so the decoder input is the row without its last position and the target the row without its
/// first (teacher forcing). Length policy: a molecule with more than <see cref="MaxTokens"/> tokens
/// is not truncated (a cut SMILES is a different, usually invalid, string): it is dropped, and
/// <see cref="Dropped"/> lists it so a run can report how many were lost.
/// </summary>
public sealed record EncodedMolecules(int[] Tokens, int[] Lengths, int[] Kept, int[] Dropped, int MaxTokens)
{
    /// <summary>Tokens per row: start + at most <see cref="MaxTokens"/> tokens + end.</summary>
    public int Length => MaxTokens + 2;

    public int Count => Lengths.Length;

    public ReadOnlySpan<int> Row(int i) => Tokens.AsSpan(i * Length, Length);

    public static EncodedMolecules Encode(SmilesVocabulary vocabulary, IReadOnlyList<string> smiles, int maxTokens)
    {
        if (maxTokens < 1) throw new VaeException($"--max-tokens {maxTokens}: must be ≥ 1.");
        int length = maxTokens + 2;
        var rows = new List<int>();
        var lengths = new List<int>();
        var kept = new List<int>();
        var dropped = new List<int>();
        for (int i = 0; i < smiles.Count; i++)
        {
            var ids = vocabulary.Encode(smiles[i]);
            if (ids.Length > maxTokens) { dropped.Add(i); continue; }
            rows.Add(SmilesVocabulary.StartId);
            rows.AddRange(ids);
            rows.Add(SmilesVocabulary.EndId);
            rows.AddRange(Enumerable.Repeat(SmilesVocabulary.PadId, length - ids.Length - 2));
            lengths.Add(ids.Length);
            kept.Add(i);
        }
        return new EncodedMolecules(rows.ToArray(), lengths.ToArray(), kept.ToArray(), dropped.ToArray(), maxTokens);
    }

    /// <summary>The SMILES of row <paramref name="i"/>, decoded back.</summary>
    public string Decode(SmilesVocabulary vocabulary, int i) => vocabulary.Decode(Row(i).ToArray());

    /// <summary>
    /// The rows without their <c>&lt;start&gt;</c> token, as a dataset of token ids stored as floats
    /// (N × (<see cref="MaxTokens"/> + 1): <c>t₁ … tₙ &lt;end&gt; &lt;pad&gt; …</c>): what a sequence model
    /// scores; its decoder prepends <c>&lt;start&gt;</c> itself. The dataset carries the vocabulary.
    /// </summary>
    public Dataset ToDataset(string name, SmilesVocabulary vocabulary)
    {
        int width = Length - 1;
        var values = new float[Count * width];
        for (int i = 0; i < Count; i++)
        {
            var row = Row(i);
            for (int t = 0; t < width; t++) values[i * width + t] = row[t + 1];
        }
        return new Dataset(name, values, DataShape.Vector(width)) { Vocabulary = vocabulary.Tokens };
    }
}
