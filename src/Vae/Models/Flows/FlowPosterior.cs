using TorchSharp;
using Vae.Distributions;
using static TorchSharp.torch;

namespace Vae.Models;

/// <summary>
/// q(z|x) of a normalizing flow: z₀ ~ q₀ = N(μ₀, diag σ₀²) (the encoder head's), z_K = f_K ∘ … ∘ f_1(z₀), and
/// log q(z_K) = log q₀(z₀) − Σ_k log|det ∂f_k/∂z_{k−1}|. It can score only its own samples
/// (<see cref="SampleWithLogProb(Generator?)"/>): a planar flow has no closed-form inverse, so
/// <see cref="LogProb"/> of an arbitrary z throws. There is no closed-form KL (<see cref="HasClosedFormKl"/> is
/// false: the ELBO uses log q(z) − log p(z) at the sample). For diagnostics: <see cref="Mean"/> is the flow applied
/// to μ₀, <see cref="StdDev"/> the standard deviation of z_K per dimension over <see cref="MomentSamples"/> draws of
/// a fixed generator, and <see cref="KlToStandardNormalPerDim"/> the KL of the Gaussian N(Mean, StdDev²) per
/// dimension; none of these three carries a gradient through the draws.
/// </summary>
public sealed class FlowPosterior(DiagonalGaussian q0, IReadOnlyList<IFlowStep> steps) : Posterior
{
    /// <summary>Draws per example behind <see cref="StdDev"/> and <see cref="KlToStandardNormalPerDim"/>.</summary>
    public const int MomentSamples = 32;

    /// <summary>The seed of the generator of those draws (fixed: a diagnostic does not touch the caller's generator).</summary>
    public const ulong MomentSeed = 0x5EED;

    private Tensor? mean, stdDev;

    /// <summary>The head's Gaussian q₀.</summary>
    public DiagonalGaussian Base => q0;

    /// <summary>The flow's maps, first to last.</summary>
    public IReadOnlyList<IFlowStep> Steps => steps;

    /// <summary>f(μ₀): the flow applied to the base mean (not E_q[z], which has no closed form): [B, d].</summary>
    public override Tensor Mean => mean ??= Transform(q0.Mean).Z;

    /// <summary>The per-dimension standard deviation of z_K over <see cref="MomentSamples"/> draws (no gradient): [B, d].</summary>
    public override Tensor StdDev => stdDev ??= SampledStdDev();

    /// <summary>z₀ [.., B, d] → z_K and Σ_k log|det ∂f_k| [.., B].</summary>
    public (Tensor Z, Tensor LogDet) Transform(Tensor z0)
    {
        var z = z0;
        Tensor? logDet = null;
        foreach (var step in steps)
        {
            var (next, ld) = step.Forward(z);
            z = next;
            logDet = logDet is null ? ld : logDet + ld;
        }
        return (z, logDet ?? zeros(z0.shape[..^1], dtype: z0.dtype, device: z0.device));
    }

    public override Tensor Sample(Generator? generator = null) => SampleWithLogProb(generator).Z;

    public override Tensor Sample(long k, Generator? generator = null) => SampleWithLogProb(k, generator).Z;

    public override (Tensor Z, Tensor LogProb) SampleWithLogProb(Generator? generator = null) => Push(q0.Sample(generator));

    public override (Tensor Z, Tensor LogProb) SampleWithLogProb(long k, Generator? generator = null) => Push(q0.Sample(k, generator));

    // z₀ [.., B, d] -> z_K, log q₀(z₀) − Σ log|det|
    private (Tensor Z, Tensor LogProb) Push(Tensor z0)
    {
        var (z, logDet) = Transform(z0);
        return (z, q0.LogProb(z0) - logDet);
    }

    public override Tensor LogProb(Tensor z) =>
        throw new VaeException("a flow posterior scores only its own samples (a planar flow has no closed-form inverse): "
            + "this evaluation needs log q(z|x) at a given z; use Posterior.SampleWithLogProb, or a model without --flow.");

    public override bool HasClosedFormKl => false;

    public override Tensor KlToStandardNormal() =>
        throw new VaeException("a flow posterior has no closed-form KL: take log q(z) − log p(z) at a sample (Prior.Kl with Posterior.SampleWithLogProb).");

    /// <summary>An approximation for diagnostics: ½ (m² + s² − 1 − log s²) per dimension, m = <see cref="Mean"/>, s = <see cref="StdDev"/>.</summary>
    public override Tensor KlToStandardNormalPerDim()
    {
        using var noGrad = no_grad();
        var m = Mean.detach();
        var logVariance = (2 * StdDev.clamp_min(1e-12).log()).clamp(DiagonalGaussian.MinLogVariance, DiagonalGaussian.MaxLogVariance);
        return GaussianKl.PerDimension(m, logVariance);
    }

    private Tensor SampledStdDev()
    {
        using var noGrad = no_grad();
        using var generator = new Generator(MomentSeed, q0.Mean.device);
        var z = Transform(q0.Sample(MomentSamples, generator)).Z;                  // [S, B, d]
        return ((z - z.mean([0])).square().sum([0]) / (MomentSamples - 1)).sqrt();
    }
}
