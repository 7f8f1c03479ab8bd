using TorchSharp;
using static TorchSharp.torch;

namespace Vae.Distributions;

/// <summary>
/// Base of the likelihoods for counts (Poisson, negative binomial, zero-inflated negative
/// binomial), the scVI construction: the decoder's first D outputs are logits of the normalised
/// expression ρ = softmax(logits) over the D features (genes), and the mean count of feature g is
/// μ_g = ℓ ρ_g, where the library size ℓ = Σ_g x_g is the observed total of the example (so it works
/// unchanged when x has extra leading sample dimensions, as in the importance-weighted bound), or,
/// for a model with a latent library size (scVI's log ℓ ~ q(l|x)), a given ℓ = exp(l)
/// (<see cref="LogProb(Tensor, Tensor, Tensor)"/>).
/// Log-probabilities are computed in double precision (lgamma of counts in the thousands loses
/// digits in single precision) from log μ = log ℓ + log_softmax(logits), never from μ itself, so
/// tiny means do not underflow to log 0; they are returned in the decoder's dtype.
/// </summary>
public abstract class CountLikelihood : Likelihood
{
    /// <summary>The library size at which <see cref="Likelihood.Mean"/> and the one-argument <see cref="Sample"/> report counts (counts per 10,000).</summary>
    public const double ReferenceLibrarySize = 1e4;

    /// <summary>An example with no counts at all is given this library size (its log-probability is then 0 up to ~1e-12, not log 0 · 0).</summary>
    private const double MinLibrarySize = 1e-12;

    protected CountLikelihood(string name) : base(name) { }

    /// <summary>Whether <paramref name="kind"/> is a count likelihood (data must be non-negative integers).</summary>
    public static bool IsCountKind(LikelihoodKind kind) =>
        kind is LikelihoodKind.Poisson or LikelihoodKind.NegativeBinomial or LikelihoodKind.ZeroInflatedNegativeBinomial;

    /// <summary>
    /// Throws a <see cref="VaeException"/> starting with <paramref name="source"/> (the file) when a value
    /// of the row-major table is negative, not an integer, or not finite; <paramref name="split"/> names the part of the data (training, test, …).
    /// </summary>
    public static void RequireCounts(ReadOnlySpan<float> values, int dimension, string source, LikelihoodKind kind, string split = "")
    {
        for (int i = 0; i < values.Length; i++)
        {
            float v = values[i];
            if (v >= 0 && v == MathF.Floor(v) && float.IsFinite(v)) continue;
            string what = !float.IsFinite(v) ? "not finite" : v < 0 ? "negative" : "not an integer";
            throw new VaeException($"{source}: --likelihood {System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(kind.ToString())} needs counts (non-negative integers), but example {i / dimension + 1}{(split.Length > 0 ? $" of the {split} split" : "")}, feature {i % dimension + 1} is {v} ({what}).");
        }
    }

    /// <summary>Logits of the normalised expression: the first D of the decoder's outputs [..., D].</summary>
    protected virtual Tensor MeanLogits(Tensor decoded) => decoded;

    /// <summary>Normalised expression ρ = softmax(logits): [..., D], each row sums to 1.</summary>
    public Tensor NormalisedExpression(Tensor decoded) => nn.functional.softmax(MeanLogits(decoded), -1);

    /// <summary>log p(x|z) at the observed library size ℓ = Σ x over the last dimension: x [..., D] → [...].</summary>
    public override Tensor LogProb(Tensor x, Tensor decoded) => LogProb(x, decoded, ObservedLogLibrary(x));

    /// <summary>
    /// log p(x|z, ℓ) at the library size ℓ = exp(<paramref name="logLibrary"/>), log ℓ broadcastable to [..., 1]
    /// (a sample of a latent library size, say): x [..., D] → [...].
    /// </summary>
    public Tensor LogProb(Tensor x, Tensor decoded, Tensor logLibrary) =>
        LogProbAtLogMean(x.to(ScalarType.Float64), decoded, LogMean(logLibrary, decoded));

    /// <summary>Σ over the last dimension of log p(x; log μ) (x in double precision), in the decoder's dtype: [...].</summary>
    protected abstract Tensor LogProbAtLogMean(Tensor x, Tensor decoded, Tensor logMu);

    /// <summary>log ℓ of the observed total ℓ = Σ x over the last dimension, in double precision: [..., 1].</summary>
    public static Tensor ObservedLogLibrary(Tensor x) => x.to(ScalarType.Float64).sum(-1, keepdim: true).clamp_min(MinLibrarySize).log();

    /// <summary>log μ = log ℓ + log ρ in double precision: [..., D].</summary>
    protected Tensor LogMean(Tensor logLibrary, Tensor decoded) =>
        logLibrary.to(ScalarType.Float64) + nn.functional.log_softmax(MeanLogits(decoded).to(ScalarType.Float64), -1);

    /// <summary>E[x] for an example whose library size is <see cref="ReferenceLibrarySize"/>: [..., D].</summary>
    /// <summary>The softmax over genes couples all features, so a slice of them cannot be scored alone.</summary>
    public override bool HasPerFeatureParameters => true;

    public override Tensor Mean(Tensor decoded) => Mean(decoded, ReferenceLibrarySize);

    /// <summary>E[x] at library size <paramref name="library"/>: [..., D].</summary>
    public Tensor Mean(Tensor decoded, double library) => Mean(decoded, tensor(library, dtype: decoded.dtype, device: decoded.device));

    /// <summary>E[x] at library sizes broadcastable to [..., 1]: [..., D].</summary>
    public virtual Tensor Mean(Tensor decoded, Tensor library) => NormalisedExpression(decoded) * library;

    /// <summary>A draw of counts at library size <see cref="ReferenceLibrarySize"/>.</summary>
    public override Tensor Sample(Tensor decoded, Generator? generator = null) =>
        Sample(decoded, tensor(ReferenceLibrarySize, dtype: decoded.dtype, device: decoded.device), generator);

    /// <summary>A draw of counts at library sizes broadcastable to [..., 1].</summary>
    public abstract Tensor Sample(Tensor decoded, Tensor library, Generator? generator = null);

    /// <summary>Sums log p over the last dimension and returns it in the decoder's dtype.</summary>
    protected static Tensor Total(Tensor logProbPerValue, Tensor decoded) => logProbPerValue.sum(-1).to(decoded.dtype);
}
