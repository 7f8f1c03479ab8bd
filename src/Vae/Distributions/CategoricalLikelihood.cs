using TorchSharp;
using static TorchSharp.torch;

namespace Vae.Distributions;

/// <summary>
/// An independent categorical over <see cref="Classes"/> = V classes for each of the D values of x
/// (token ids stored as floats 0 … V−1), parameterised by logits. Following the likelihood layout,
/// decoded [..., V·D] holds V blocks of D: block v is the logit of class v at every position.
/// log p(x|z) = Σ_t log softmax(logits_t)[x_t]. For an autoregressive decoder position t's logits
/// depend on x_&lt;t, so the sum is the log-probability of the whole sequence.
/// </summary>
public sealed class CategoricalLikelihood : Likelihood
{
    public CategoricalLikelihood(int classes) : base(nameof(CategoricalLikelihood))
    {
        if (classes < 2) throw new VaeException($"a categorical likelihood needs at least 2 classes, not {classes}.");
        Classes = classes;
    }

    public int Classes { get; }

    public override LikelihoodKind Kind => LikelihoodKind.Categorical;

    public override int ParamsPerValue => Classes;

    // x [..., D] (broadcast against decoded's leading dimensions), decoded [..., V·D] -> [...]
    public override Tensor LogProb(Tensor x, Tensor decoded)
    {
        var logp = LogProbabilities(decoded);                                   // [..., D, V]
        long[] shape = [.. logp.shape[..^1]];
        var ids = x.expand(shape).to(ScalarType.Int64).unsqueeze(-1);           // [..., D, 1]
        return logp.gather(-1, ids).squeeze(-1).sum(-1);
    }

    /// <summary>The most probable class at each position, as a float id [..., D] (the mode: an "expected token" has no meaning).</summary>
    public override Tensor Mean(Tensor decoded) => Logits(decoded).argmax(-1).to(decoded.dtype);

    /// <summary>A class drawn at each position independently, as a float id [..., D].</summary>
    public override Tensor Sample(Tensor decoded, Generator? generator = null)
    {
        var probs = LogProbabilities(decoded).exp();                            // [..., D, V]
        long[] shape = [.. probs.shape[..^1]];
        var draws = probs.reshape(-1, Classes).multinomial(1, generator: generator);
        return draws.view(shape).to(decoded.dtype);
    }

    /// <summary>log softmax over the classes, positions first: [..., V·D] → [..., D, V].</summary>
    public Tensor LogProbabilities(Tensor decoded) => Logits(decoded).log_softmax(-1);

    // [..., V·D] -> [..., D, V]
    Tensor Logits(Tensor decoded)
    {
        long size = decoded.shape[^1];
        if (size % Classes != 0) throw new ArgumentException($"{size} decoder outputs do not divide into {Classes} classes.", nameof(decoded));
        long[] shape = [.. decoded.shape[..^1], Classes, size / Classes];
        return decoded.view(shape).transpose(-1, -2);
    }
}
