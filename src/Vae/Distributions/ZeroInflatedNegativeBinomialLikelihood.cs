using TorchSharp;
using static TorchSharp.torch;

namespace Vae.Distributions;

/// <summary>
/// Zero-inflated negative binomial: a structural zero with probability π_g = sigmoid(l_g),
/// otherwise NB(μ_g, θ_g) as in <see cref="NegativeBinomialLikelihood"/>. The decoder gives two
/// values per feature: [..., 0:D] are the mean logits, [..., D:2D] the zero-inflation logits l.
/// </summary>
public sealed class ZeroInflatedNegativeBinomialLikelihood : CountLikelihood
{
    private readonly TorchSharp.Modules.Parameter logTheta; // r [D]

    public ZeroInflatedNegativeBinomialLikelihood(int dimension) : base(nameof(ZeroInflatedNegativeBinomialLikelihood))
    {
        logTheta = nn.Parameter(zeros(dimension));
        register_parameter("log_theta", logTheta);
    }

    public override LikelihoodKind Kind => LikelihoodKind.ZeroInflatedNegativeBinomial;

    public override int ParamsPerValue => 2;

    /// <summary>log θ per feature: [D].</summary>
    public Tensor LogTheta => logTheta;

    protected override Tensor MeanLogits(Tensor decoded) => decoded.chunk(2, -1)[0];

    /// <summary>The zero-inflation logits l: [..., D].</summary>
    public static Tensor ZeroLogits(Tensor decoded) => decoded.chunk(2, -1)[1];

    // x [..., D] (double), decoded [..., 2D], log μ [..., D] -> [...]
    protected override Tensor LogProbAtLogMean(Tensor x, Tensor decoded, Tensor logMu) =>
        Total(CountLogProbs.ZeroInflatedNegativeBinomial(x, logMu,
            logTheta.to(ScalarType.Float64), ZeroLogits(decoded).to(ScalarType.Float64)), decoded);

    /// <summary>E[x] = (1 − π) ℓ ρ.</summary>
    public override Tensor Mean(Tensor decoded, Tensor library) => base.Mean(decoded, library) * ZeroLogits(decoded).neg().sigmoid();

    public override Tensor Sample(Tensor decoded, Tensor library, Generator? generator = null)
    {
        var counts = NegativeBinomialLikelihood.GammaPoisson(base.Mean(decoded, library), logTheta.exp().to(decoded.device), generator);
        return counts * ZeroLogits(decoded).neg().sigmoid().bernoulli(generator);
    }
}
