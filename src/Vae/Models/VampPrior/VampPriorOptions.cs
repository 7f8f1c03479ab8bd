using Vae.Distributions;

namespace Vae.Models;

/// <summary>
/// The VampPrior (Tomczak and Welling 2018, "VAE with a VampPrior"): p(z) = (1/K) Σ_k q(z|u_k), the model's own
/// encoder posterior at K learned pseudo-inputs u_k. On a model with a second stochastic layer the mixture is over
/// the top layer, p(z₂) = (1/K) Σ_k q(z₂ | z₁ = μ₁(u_k)). Stored as <c>model.prior</c> with kind <c>vamp</c>;
/// <c>vae train --prior vamp[:K]</c>.
/// </summary>
public sealed record VampPriorOptions : PriorOptions
{
    /// <summary>The number of pseudo-inputs K (the paper's 500 for MNIST).</summary>
    public int Components { get; init => field = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(Components), value, "Components: the number of pseudo-inputs must be ≥ 1."); } = 500;

    public override PriorModule Build(ModelOptions model) => new VampPrior(Components, model.Input.Size);

    /// <summary>
    /// The pseudo-inputs live in [0, 1], the range of Bernoulli data (as in the paper's code, through a hardtanh); the
    /// mixture components are diagonal Gaussians; and the encoder must read x alone.
    /// </summary>
    public override void Validate(ModelOptions model)
    {
        if (!model.IsVariational) throw new VaeException("--prior vamp: an autoencoder has no posterior to mix; the VampPrior needs a VAE.");
        if (model.Posterior != PosteriorKind.Diagonal)
            throw new VaeException($"--prior vamp: the mixture is of diagonal Gaussian posteriors; --posterior {model.Posterior} is not one (use --posterior diagonal).");
        if (model.Likelihood != LikelihoodKind.Bernoulli)
            throw new VaeException($"--prior vamp: the pseudo-inputs live in [0, 1], the range of Bernoulli data; --likelihood {model.Likelihood} is not supported (use --likelihood bernoulli).");
        if (model.ConditionEncoder) throw new VaeException("--prior vamp: the encoder must read x alone to encode pseudo-inputs; drop --condition-encoder.");
        if (model.PixelCnn is not null || model.Network is SequenceNetwork)
            throw new VaeException("--prior vamp: supported for the mlp and conv networks with their mirror decoders.");
    }
}
