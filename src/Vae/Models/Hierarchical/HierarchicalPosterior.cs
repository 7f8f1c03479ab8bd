using TorchSharp;
using Vae.Distributions;
using static TorchSharp.torch;

namespace Vae.Models;

/// <summary>
/// q(z|x) = q(z₁|x) q(z₂|z₁) over z = [z₁, z₂]: ancestral samples (z₁ first, then z₂ given it) and the density of any z,
/// log q(z₁|x) + log q(z₂|z₁), so importance sampling covers both layers. No closed-form KL: the ELBO takes the Monte
/// Carlo log q(z) − log p(z). <see cref="Mean"/> and <see cref="StdDev"/> are μ₁, σ₁ and, for z₂, those of q(z₂ | z₁ = μ₁)
/// (the marginal q(z₂|x) is not Gaussian). Holds references to tensors in the caller's dispose scope.
/// </summary>
public sealed class HierarchicalPosterior : Posterior
{
    private readonly Func<Tensor, DiagonalGaussian> up;
    private DiagonalGaussian? topAtMean;

    public HierarchicalPosterior(DiagonalGaussian bottom, Func<Tensor, DiagonalGaussian> up)
    {
        if (bottom.IsPointMass) throw new ArgumentException("the first layer must be a Gaussian, not a point mass.", nameof(bottom));
        Bottom = bottom;
        this.up = up;
    }

    /// <summary>q(z₁|x): [B, d₁].</summary>
    public DiagonalGaussian Bottom { get; }

    private long BottomSize => Bottom.Mean.shape[^1];

    /// <summary>q(z₂|z₁) at z₁ [.., d₁].</summary>
    public DiagonalGaussian Top(Tensor z1) => up(z1);

    /// <summary>q(z₂ | z₁ = μ₁(x)): [B, d₂].</summary>
    public DiagonalGaussian TopAtMean => topAtMean ??= up(Bottom.Mean);

    public override Tensor Mean => cat([Bottom.Mean, TopAtMean.Mean], dim: -1);

    public override Tensor StdDev => cat([Bottom.StdDev, TopAtMean.StdDev], dim: -1);

    public override Tensor Sample(Generator? generator = null) => SampleWithLogProb(generator).Z;

    public override Tensor Sample(long k, Generator? generator = null) => SampleWithLogProb(k, generator).Z;

    /// <summary>z₁ ~ q(z₁|x), then z₂ ~ q(z₂|z₁), with log q(z): ([B, d₁ + d₂], [B]).</summary>
    public override (Tensor Z, Tensor LogProb) SampleWithLogProb(Generator? generator = null) => Joint(Bottom.Sample(generator), generator);

    /// <summary>K ancestral samples and their log q: ([K, B, d₁ + d₂], [K, B]).</summary>
    public override (Tensor Z, Tensor LogProb) SampleWithLogProb(long k, Generator? generator = null) => Joint(Bottom.Sample(k, generator), generator);

    private (Tensor Z, Tensor LogProb) Joint(Tensor z1, Generator? generator)
    {
        var top = up(z1);
        var z2 = top.Sample(generator);
        return (cat([z1, z2], dim: -1), Bottom.LogProb(z1) + top.LogProb(z2));
    }

    /// <summary>log q(z₁|x) + log q(z₂|z₁) for z [.., B, d₁ + d₂].</summary>
    public override Tensor LogProb(Tensor z) => LogProbPerDim(z).sum(-1);

    /// <summary>The terms of <see cref="LogProb"/> by dimension: log q(z₁ⱼ|x), then log q(z₂ⱼ|z₁): [.., d₁ + d₂].</summary>
    public Tensor LogProbPerDim(Tensor z)
    {
        var z1 = z.narrow(-1, 0, BottomSize);
        var z2 = z.narrow(-1, BottomSize, z.shape[^1] - BottomSize);
        return cat([GaussianLogDensity.PerDimension(z1, Bottom), GaussianLogDensity.PerDimension(z2, up(z1))], dim: -1);
    }

    public override bool HasClosedFormKl => false;

    /// <summary>Not the model's KL (see <see cref="HierarchicalPrior.Kl"/>): Σ of <see cref="KlToStandardNormalPerDim"/>.</summary>
    public override Tensor KlToStandardNormal() => KlToStandardNormalPerDim().sum(-1);

    /// <summary>For diagnostics only: KL(q(z₁ⱼ|x) ‖ N(0, 1)), then KL(q(z₂ⱼ | z₁ = μ₁) ‖ N(0, 1)): [B, d₁ + d₂].</summary>
    public override Tensor KlToStandardNormalPerDim() => cat([Bottom.KlToStandardNormalPerDim(), TopAtMean.KlToStandardNormalPerDim()], dim: -1);
}
