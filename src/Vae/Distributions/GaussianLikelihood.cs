using TorchSharp;
using static TorchSharp.torch;

namespace Vae.Distributions;

/// <summary>
/// Gaussian p(x|z) = N(x; μ(z), σ²) with the decoder's output as μ and the full log-density
/// −½ log 2π − log σ − (x−μ)²/(2σ²), so ELBOs are in nats and comparable across σ choices.
/// How σ is chosen depends on the kind:
/// <list type="bullet">
/// <item><see cref="LikelihoodKind.Gaussian"/>: fixed at <c>sigma</c>.</item>
/// <item><see cref="LikelihoodKind.GaussianLearned"/>: one learned σ = σ_min + softplus(ρ).</item>
/// <item><see cref="LikelihoodKind.GaussianPerFeature"/>: a learned σ_j = σ_min + softplus(ρ_j) per feature.</item>
/// <item><see cref="LikelihoodKind.GaussianOptimal"/>: σ² = max(MSE, σ_min²), the maximiser of the
/// likelihood for the current reconstructions (σ-VAE). In training the batch's MSE is used
/// (detached: at the optimum its gradient is zero anyway) and folded into a running average
/// (momentum 0.99) that is stored with the model and used in evaluation, so that log p(x|z) is a
/// fixed density when the model is evaluated.</item>
/// </list>
/// </summary>
public sealed class GaussianLikelihood : Likelihood
{
    private static readonly double HalfLog2Pi = 0.5 * Math.Log(2 * Math.PI);
    private const double Momentum = 0.99;

    private readonly LikelihoodKind kind;
    private readonly double sigmaFloor;
    private readonly double fixedLogSigma;
    private readonly TorchSharp.Modules.Parameter? rho;          // learned kinds: σ = floor + softplus(ρ)
    private readonly Tensor? calibratedVariance; // optimal kind: running σ² (a buffer)

    public GaussianLikelihood(LikelihoodKind kind, int dimension, double sigma, double sigmaFloor) : base(nameof(GaussianLikelihood))
    {
        if (kind == LikelihoodKind.Bernoulli) throw new ArgumentException("not a Gaussian kind", nameof(kind));
        if (!(sigma > 0) || !double.IsFinite(sigma)) throw new ArgumentOutOfRangeException(nameof(sigma), sigma, "sigma: must be > 0.");
        if (!(sigmaFloor >= 0) || sigmaFloor >= sigma && kind != LikelihoodKind.Gaussian)
            throw new ArgumentOutOfRangeException(nameof(sigmaFloor), sigmaFloor, "sigma floor: must be ≥ 0 and below the initial sigma.");
        this.kind = kind;
        this.sigmaFloor = sigmaFloor;
        fixedLogSigma = Math.Log(sigma);
        double rho0 = SoftplusInverse(sigma - sigmaFloor); // softplus⁻¹(σ − σ_min)
        if (kind == LikelihoodKind.GaussianLearned) rho = nn.Parameter(tensor(new[] { (float)rho0 }));
        if (kind == LikelihoodKind.GaussianPerFeature) rho = nn.Parameter(full(dimension, rho0));
        if (kind == LikelihoodKind.GaussianOptimal) calibratedVariance = tensor(new[] { (float)(sigma * sigma) });
        if (rho is not null) register_parameter("rho", rho);
        if (calibratedVariance is not null) register_buffer("calibrated_variance", calibratedVariance);
    }

    public override LikelihoodKind Kind => kind;

    // softplus⁻¹(y) = log(eᵞ − 1), written to stay accurate for small and large y.
    private static double SoftplusInverse(double y) => y > 20 ? y + Math.Log(1 - Math.Exp(-y)) : Math.Log(Math.Exp(y) - 1);

    /// <summary>The current σ (one value, or one per feature), detached, as doubles.</summary>
    public double[] Sigma()
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        return kind switch
        {
            LikelihoodKind.Gaussian => [Math.Exp(fixedLogSigma)],
            LikelihoodKind.GaussianOptimal => [Math.Sqrt(Math.Max(calibratedVariance!.item<float>(), sigmaFloor * sigmaFloor))],
            _ => (sigmaFloor + nn.functional.softplus(rho!)).to(ScalarType.Float64).cpu().data<double>().ToArray(),
        };
    }

    public override Tensor LogProb(Tensor x, Tensor decoded)
    {
        var diff = x - decoded;
        var logSigma = LogSigma(diff);
        return (-(HalfLog2Pi + logSigma) - 0.5 * diff.square() * (-2 * logSigma).exp()).sum(-1);
    }

    public override Tensor Mean(Tensor decoded) => decoded;

    public override bool HasPerFeatureParameters => kind == LikelihoodKind.GaussianPerFeature;

    public override Tensor Sample(Tensor decoded, Generator? generator = null)
    {
        var logSigma = LogSigma(null).to(decoded.device);
        return decoded + logSigma.exp() * randn(decoded.shape, dtype: decoded.dtype, device: decoded.device, generator: generator);
    }

    // log σ, broadcastable against [..., D]. For the optimal kind in training, diff = x − μ gives the batch's MSE.
    private Tensor LogSigma(Tensor? diff)
    {
        switch (kind)
        {
            case LikelihoodKind.Gaussian:
                return tensor(fixedLogSigma, dtype: ScalarType.Float32, device: diff?.device ?? CPU);
            case LikelihoodKind.GaussianOptimal:
                var variance = calibratedVariance!;
                if (training && diff is not null)
                {
                    variance = diff.detach().square().mean();
                    using (no_grad()) calibratedVariance!.mul_(Momentum).add_(variance, alpha: 1 - Momentum);
                }
                return 0.5 * variance.clamp_min(sigmaFloor * sigmaFloor).log();
            default:
                return (sigmaFloor + nn.functional.softplus(rho!)).log();
        }
    }
}
