namespace Vae.Nn;

/// <summary>
/// How a sequence decoder turns z into tokens: greedy or drawn (<see cref="Beams"/> = 1), or a beam search
/// keeping <see cref="Beams"/> prefixes per sequence; the beams are ranked at the end by the sum of their
/// tokens' log-probabilities (&lt;end&gt; included) or, with <see cref="LengthNormalized"/>, by its mean per token.
/// A <see cref="Grammar"/> masks the tokens it does not allow, in every mode.
/// </summary>
public sealed record SequenceDecoding
{
    public SequenceDecoding(int beams = 1, bool lengthNormalized = false, ITokenGrammar? grammar = null)
    {
        if (beams < 1) throw new VaeException($"--beam {beams}: the number of beams must be ≥ 1.");
        (Beams, LengthNormalized, Grammar) = (beams, lengthNormalized, grammar);
    }

    public int Beams { get; }
    public bool LengthNormalized { get; }
    public ITokenGrammar? Grammar { get; }

    /// <summary>Greedy decoding without a grammar: what <see cref="Decoder.Generate"/> does.</summary>
    public static SequenceDecoding Greedy { get; } = new();
}

/// <summary>
/// The beams of a beam search over <see cref="Count"/> sequences, best first per sequence: token ids
/// [Count, Beams, Length] (padding after &lt;end&gt;), the sum of each beam's token log-probabilities
/// (−∞ for a beam that never held a sequence) and its length in tokens (&lt;end&gt; included).
/// </summary>
public sealed record BeamSearchResult(int Count, int Beams, int Length, long[] Tokens, double[] Scores, int[] Lengths)
{
    /// <summary>The best beam of every sequence as float ids [Count·Length], the layout of <see cref="Decoder.Generate"/>.</summary>
    public float[] Best()
    {
        var best = new float[Count * Length];
        for (int i = 0; i < Count; i++)
            for (int t = 0; t < Length; t++) best[i * Length + t] = Tokens[(long)i * Beams * Length + t];
        return best;
    }

    /// <summary>The tokens of beam <paramref name="k"/> of sequence <paramref name="i"/>.</summary>
    public ReadOnlySpan<long> Beam(int i, int k) => Tokens.AsSpan((i * Beams + k) * Length, Length);
}

/// <summary>A decoder that writes token sequences and can do so under a grammar and by beam search (the GRU decoder).</summary>
public interface ISequenceDecoder
{
    /// <summary>Greedy (or drawn, with <paramref name="sample"/>) generation under <paramref name="grammar"/> when given: token ids [B, T].</summary>
    TorchSharp.torch.Tensor Generate(TorchSharp.torch.Tensor z, IValueSampler values, bool sample, TorchSharp.torch.Generator? generator, ITokenGrammar? grammar);

    /// <summary>Beam search with <paramref name="decoding"/>'s beams, ranking and grammar, for z [B, d'].</summary>
    BeamSearchResult BeamSearch(TorchSharp.torch.Tensor z, SequenceDecoding decoding);
}
