using Vae.Distributions;
using Vae.Nn;

namespace Vae.Models;

/// <summary>
/// A second stochastic layer z₂ above the head's z₁ (Burda et al. 2015, the IWAE paper's two-layer model of its
/// Table 1: q: x → 200 → 200 → z₁ (100) → 100 → 100 → z₂ (50); p: z₂ → 100 → 100 → z₁ → 200 → 200 → x).
/// The head's diagonal q(z₁|x) (of <see cref="ModelOptions.Latent"/> = d₁ dimensions, which the decoder reads) is
/// followed by q(z₂|z₁); the prior is p(z₁|z₂) p(z₂), p(z₂) the model's prior (N(0, I) or a VampPrior); z = [z₁, z₂].
/// Stored as <c>model.posterior_extension</c> with kind <c>hierarchical</c>; <c>vae train --top-latent 50 --top-hidden 100,100</c>.
/// </summary>
public sealed record HierarchicalOptions : PosteriorExtensionOptions
{
    /// <summary>The top layer's dimension d₂.</summary>
    public int TopLatent { get; init => field = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(TopLatent), value, "TopLatent: the top layer's dimension must be ≥ 1."); } = 50;

    /// <summary>Hidden widths of q(z₂|z₁)'s network; p(z₁|z₂)'s mirrors them.</summary>
    public int[] TopHidden { get; init => field = value is { Length: > 0 } && value.All(h => h >= 1) ? value
        : throw new ArgumentOutOfRangeException(nameof(TopHidden), value is null ? "null" : string.Join(",", value), "TopHidden: give one or more layer widths, each ≥ 1."); } = [100, 100];

    /// <summary>The activation of those networks (the IWAE paper's tanh).</summary>
    public ActivationKind Activation { get; init; } = ActivationKind.Tanh;

    public override PosteriorExtension Build(ModelOptions model, int features) => new HierarchicalExtension(model.Latent, this);

    public override void Validate(ModelOptions model)
    {
        if (!model.IsVariational) throw new VaeException("--top-latent: an autoencoder has no posterior to stack a second stochastic layer on; it needs a VAE.");
        if (model.Posterior != PosteriorKind.Diagonal)
            throw new VaeException("--top-latent: the first stochastic layer must be diagonal Gaussian (--posterior diagonal).");
        if (model.PropertyHead is not null) throw new VaeException("--top-latent: a property head on a hierarchical model is not supported.");
    }
}
