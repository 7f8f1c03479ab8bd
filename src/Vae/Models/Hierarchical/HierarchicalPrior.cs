using TorchSharp;
using Vae.Distributions;
using static TorchSharp.torch;

namespace Vae.Models;

/// <summary>
/// p(z) = p(z₁|z₂) p(z₂) over z = [z₁, z₂], with p(z₂) the model's prior over the top layer (N(0, I) or a VampPrior).
/// The KL to it is Monte Carlo, log q(z) − log p(z) at the sample, and its per-dimension terms are
/// log q(z₁ⱼ|x) − log p(z₁ⱼ|z₂) for z₁ and log q(z₂ⱼ|z₁) − log p(z₂ⱼ | z₂,&lt;ⱼ) for z₂, which sum to it.
/// </summary>
public sealed class HierarchicalPrior(Prior top, Func<Tensor, DiagonalGaussian> down, int bottomSize, int topSize) : Prior
{
    /// <summary>p(z₂), the prior over the top layer.</summary>
    public Prior Top => top;

    /// <summary>log p(z₁|z₂) + log p(z₂) for z [.., d₁ + d₂].</summary>
    public override Tensor LogProb(Tensor z)
    {
        var (z1, z2) = Split(z);
        return down(z2).LogProb(z1) + top.LogProb(z2);
    }

    /// <summary>log p(z₁ⱼ|z₂), then the top prior's chain-rule terms of z₂: [.., d₁ + d₂].</summary>
    public override Tensor LogProbPerDim(Tensor z)
    {
        var (z1, z2) = Split(z);
        return cat([GaussianLogDensity.PerDimension(z1, down(z2)), top.LogProbPerDim(z2)], dim: -1);
    }

    /// <summary>z₂ ~ p(z₂), then z₁ ~ p(z₁|z₂): [n, d₁ + d₂].</summary>
    public override Tensor Sample(long n, long latent, Device device, Generator? generator = null)
    {
        if (latent != bottomSize + topSize) throw new ArgumentException($"this prior is over {bottomSize} + {topSize} dimensions, not {latent}.", nameof(latent));
        var z2 = top.Sample(n, topSize, device, generator);
        var z1 = down(z2).Sample(generator);
        return cat([z1, z2], dim: -1);
    }

    public override bool NeedsLogQ(Posterior q) => true;

    public override (Tensor Total, Tensor PerDim) Kl(Posterior q, Tensor z, Tensor? logQ = null)
    {
        var hierarchical = OwnPosterior(q);
        if (logQ is null) throw new ArgumentNullException(nameof(logQ), "the KL of a hierarchy has no closed form: pass log q(z) at the sample (Posterior.SampleWithLogProb).");
        var logP = LogProbPerDim(z);
        return (logQ - logP.sum(-1), hierarchical.LogProbPerDim(z) - logP);
    }

    /// <summary>The total from the two layers' densities (no per-dimension terms, no second pass of q(z₂|z₁)); the terms when read.</summary>
    public override (Tensor Total, Lazy<Tensor> PerDim) KlTerms(Posterior q, Tensor z, Tensor? logQ = null)
    {
        OwnPosterior(q);
        return MonteCarloKlTerms(q, z, logQ);
    }

    private static HierarchicalPosterior OwnPosterior(Posterior q) => q as HierarchicalPosterior
        ?? throw new VaeException($"a hierarchical prior takes its own posterior, not a {q.GetType().Name}.");

    private (Tensor Z1, Tensor Z2) Split(Tensor z)
    {
        if (z.shape[^1] != bottomSize + topSize) throw new ArgumentException($"z has {z.shape[^1]} dimensions; this prior is over {bottomSize} + {topSize}.", nameof(z));
        return (z.narrow(-1, 0, bottomSize), z.narrow(-1, bottomSize, topSize));
    }
}
