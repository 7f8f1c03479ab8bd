using TorchSharp;
using static TorchSharp.torch;

namespace Vae.Distributions;

/// <summary>
/// Negative binomial counts with mean μ_g = ℓ softmax(logits)_g and a learned inverse dispersion
/// θ_g = exp(r_g) per feature (variance μ + μ²/θ; θ → ∞ is Poisson). r starts at 0 (θ = 1).
/// </summary>
public sealed class NegativeBinomialLikelihood : CountLikelihood
{
    private readonly TorchSharp.Modules.Parameter logTheta; // r [D]

    public NegativeBinomialLikelihood(int dimension) : base(nameof(NegativeBinomialLikelihood))
    {
        logTheta = nn.Parameter(zeros(dimension));
        register_parameter("log_theta", logTheta);
    }

    public override LikelihoodKind Kind => LikelihoodKind.NegativeBinomial;

    /// <summary>log θ per feature: [D].</summary>
    public Tensor LogTheta => logTheta;

    // x [..., D] (double), decoded [..., D], log μ [..., D] -> [...]
    protected override Tensor LogProbAtLogMean(Tensor x, Tensor decoded, Tensor logMu) =>
        Total(CountLogProbs.NegativeBinomial(x, logMu, logTheta.to(ScalarType.Float64)), decoded);

    public override Tensor Sample(Tensor decoded, Tensor library, Generator? generator = null) =>
        GammaPoisson(Mean(decoded, library), logTheta.exp().to(decoded.device), generator);

    /// <summary>NB(μ, θ) as a Poisson whose rate is Gamma(shape θ, scale μ/θ).</summary>
    internal static Tensor GammaPoisson(Tensor mu, Tensor theta, Generator? generator)
    {
        var shape = theta.expand_as(mu).contiguous();
        return poisson(_standard_gamma(shape, generator) * mu / shape, generator);
    }
}
