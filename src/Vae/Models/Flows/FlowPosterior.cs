using TorchSharp;
using Vae.Distributions;
using static TorchSharp.torch;

namespace Vae.Models;

/// <summary>
/// q(z|x) of a normalizing flow: z₀ ~ q₀ = N(μ₀, diag σ₀²) (the encoder head's), z_K = f_K ∘ … ∘ f_1(z₀), and
/// log q(z_K) = log q₀(z₀) − Σ_k log|det ∂f_k/∂z_{k−1}|. It can score only its own samples
/// (<see cref="SampleWithLogProb(Generator?)"/>): a planar flow has no closed-form inverse, so
/// <see cref="LogProb"/> of an arbitrary z throws. There is no closed-form KL (<see cref="HasClosedFormKl"/> is
/// false: the ELBO uses log q(z) − log p(z) at the sample). For diagnostics, a Gaussian stand-in linearised along
/// the path of μ₀: <see cref="Mean"/> is f(μ₀) (not E_q[z], which has no closed form), <see cref="StdDev"/> is σ₀
/// carried through the flow by the diagonal of each map's Jacobian at that path (the mixing between dimensions left
/// out), and <see cref="KlToStandardNormalPerDim"/> is the KL of N(Mean, StdDev²) per dimension. They cost one pass of
/// the flow and need no draws.
/// </summary>
public sealed class FlowPosterior(DiagonalGaussian q0, IReadOnlyList<IFlowStep> steps) : Posterior
{
    private (Tensor Mean, Tensor StdDev)? linearised;

    /// <summary>The head's Gaussian q₀.</summary>
    public DiagonalGaussian Base => q0;

    /// <summary>The flow's maps, first to last.</summary>
    public IReadOnlyList<IFlowStep> Steps => steps;

    /// <summary>f(μ₀): the flow applied to the base mean: [B, d].</summary>
    public override Tensor Mean => Linearised().Mean;

    /// <summary>σ₀ scaled by the diagonal of the flow's Jacobian along the path of μ₀ (an approximation): [B, d].</summary>
    public override Tensor StdDev => Linearised().StdDev;

    private (Tensor Mean, Tensor StdDev) Linearised()
    {
        if (linearised is { } done) return done;
        var (z, spread) = (q0.Mean, q0.StdDev);
        foreach (var step in steps) (z, spread) = step.ForwardSpread(z, spread);
        linearised = (z, spread);
        return (z, spread);
    }

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

    /// <summary>An approximation for diagnostics, without gradient: ½ (m² + s² − 1 − log s²) per dimension, m = <see cref="Mean"/>, s = <see cref="StdDev"/>.</summary>
    public override Tensor KlToStandardNormalPerDim()
    {
        var (m, s) = Linearised();
        using var noGrad = no_grad();
        var logVariance = (2 * s.detach().clamp_min(1e-30).log()).clamp(DiagonalGaussian.MinLogVariance, DiagonalGaussian.MaxLogVariance);
        return GaussianKl.PerDimension(m.detach(), logVariance);
    }
}
