using TorchSharp;
using Vae.Distributions;
using static TorchSharp.torch;

namespace Vae.Models;

/// <summary>
/// A second stochastic layer (<see cref="HierarchicalOptions"/>): q(z|x) = q(z₁|x) q(z₂|z₁) and p(z) = p(z₁|z₂) p(z₂),
/// with z = [z₁, z₂] of d₁ + d₂ dimensions. The decoder reads z₁; p(z₂) is the model's prior (the top).
/// </summary>
public sealed class HierarchicalExtension : PosteriorExtension
{
    private readonly ConditionalGaussian up;     // z₁ [.., d₁] -> q(z₂|z₁) over [.., d₂]
    private readonly ConditionalGaussian down;   // z₂ [.., d₂] -> p(z₁|z₂) over [.., d₁]

    public HierarchicalExtension(int bottom, HierarchicalOptions options) : base(nameof(HierarchicalExtension))
    {
        up = new ConditionalGaussian(bottom, options.TopHidden, options.TopLatent, options.Activation);
        down = new ConditionalGaussian(options.TopLatent, [.. options.TopHidden.Reverse()], bottom, options.Activation);
        RegisterComponents();
    }

    /// <summary>d₁ + d₂.</summary>
    public override int LatentSize(int headLatent) => headLatent + up.Outputs;

    /// <summary>q(z₂|z₁) at z₁ [.., d₁].</summary>
    public DiagonalGaussian Up(Tensor z1) => up.Given(z1);

    /// <summary>p(z₁|z₂) at z₂ [.., d₂].</summary>
    public DiagonalGaussian Down(Tensor z2) => down.Given(z2);

    public override Posterior Extend(Posterior q0, Tensor features) =>
        new HierarchicalPosterior(q0 as DiagonalGaussian ?? throw new VaeException($"a second stochastic layer stacks on a diagonal Gaussian q(z₁|x), not a {q0.GetType().Name}."), Up);

    public override Prior ExtendPrior(Prior top) => new HierarchicalPrior(top, Down, down.Outputs, up.Outputs);

    /// <summary>q(z₂ | z₁ = μ₁(x)): the top layer at the mean of the first.</summary>
    public override Posterior TopPosterior(Posterior q) => ((HierarchicalPosterior)q).TopAtMean;
}
