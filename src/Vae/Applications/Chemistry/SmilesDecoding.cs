using TorchSharp;
using Vae.Data;
using Vae.Models;
using Vae.Nn;
using static TorchSharp.torch;

namespace Vae.Applications.Chemistry;

/// <summary>
/// How a SMILES VAE turns latent points into strings: <see cref="Beams"/> = 1 is greedy decoding (or drawing),
/// more is a beam search ranked by the sum of token log-probabilities or, with <see cref="LengthNormalized"/>,
/// their mean; <see cref="GrammarMask"/> allows only tokens after which the prefix can still become a SMILES
/// string the parser accepts (<see cref="SmilesGrammar"/>); <see cref="ValenceMask"/> adds the valence rule (and implies the mask).
/// </summary>
public sealed record SmilesDecodingOptions(int Beams = 1, bool GrammarMask = false, bool LengthNormalized = false, bool ValenceMask = false)
{
    public static SmilesDecodingOptions Greedy { get; } = new();

    /// <summary>
    /// The decoder's options for one decoding run (a fresh grammar: it caches as it goes). A SELFIES model always decodes
    /// under <see cref="Selfies.SelfiesGrammar"/> (an atom before &lt;end&gt;), which makes every decoding a molecule.
    /// </summary>
    public SequenceDecoding For(SmilesVocabulary vocabulary) =>
        vocabulary.Language == Vae.Data.TokenLanguage.Selfies
            ? GrammarMask || ValenceMask
                ? throw new VaeException("--grammar-mask and --valence-mask are SMILES grammars; a SELFIES model needs neither (every symbol sequence with an atom is a molecule).")
                : new(Beams, LengthNormalized, new Selfies.SelfiesGrammar(vocabulary))
            : new(Beams, LengthNormalized, GrammarMask || ValenceMask ? new SmilesGrammar(vocabulary, ValenceMask) : null);

    /// <summary>Whether decoding with these options is the model's own greedy (or drawn) decoding, with no grammar.</summary>
    public bool Plain(SmilesVocabulary vocabulary) => this == Greedy && vocabulary.Language == Vae.Data.TokenLanguage.Smiles;
}

/// <summary>Sampling, decoding and reconstruction of a <see cref="SmilesVae"/> with beam search or the grammar mask.</summary>
public static class SmilesDecoding
{
    /// <summary>n molecules decoded from z drawn from the prior (the same z as <see cref="SmilesVae.Sample"/> for a seed).</summary>
    public static string[] Sample(this SmilesVae vae, int n, int seed, bool draw, SmilesDecodingOptions options)
    {
        if (options.Plain(vae.Vocabulary)) return vae.Sample(n, seed, draw);
        using var evaluating = EvaluationMode.Enter(vae.Model);
        using var scope = NewDisposeScope();
        using var generator = new Generator((ulong)seed, vae.Device);
        var z = vae.Model.Prior.Sample(n, vae.Model.Latent, vae.Device, generator);
        return vae.Spell(Ids(vae.Model.GenerateSequences(z, options.For(vae.Vocabulary), draw, generator)));
    }

    /// <summary>Decodings of latent points z [n·d].</summary>
    public static string[] Decode(this SmilesVae vae, float[] z, SmilesDecodingOptions options)
    {
        if (options.Plain(vae.Vocabulary)) return vae.Decode(z);
        using var evaluating = EvaluationMode.Enter(vae.Model);
        using var scope = NewDisposeScope();
        int n = z.Length / vae.Model.Latent;
        return vae.Spell(Ids(vae.Model.GenerateSequences(tensor(z, [n, vae.Model.Latent]).to(vae.Device), options.For(vae.Vocabulary))));
    }

    /// <summary>Decodings of z = μ(x) for each molecule, in batches.</summary>
    public static string[] Reconstruct(this SmilesVae vae, Dataset data, SmilesDecodingOptions options, int batchSize = 500)
    {
        if (options.Plain(vae.Vocabulary)) return vae.Reconstruct(data, batchSize);
        using var evaluating = EvaluationMode.Enter(vae.Model);
        var decoding = options.For(vae.Vocabulary);
        var ids = new List<float>();
        foreach (var (_, _, batch) in data.Batches(batchSize, vae.Device))
            ids.AddRange(Ids(vae.Model.GenerateSequences(vae.Model.Encode(batch).Mean, decoding)));
        return vae.Spell([.. ids]);
    }

    static float[] Ids(Tensor tokens) => tokens.to(ScalarType.Float32).cpu().data<float>().ToArray();
}
