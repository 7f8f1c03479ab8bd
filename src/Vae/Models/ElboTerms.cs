using Vae.Distributions;
using static TorchSharp.torch;

namespace Vae.Models;

/// <summary>
/// The two terms of the ELBO for a batch, per example: log p(x|z) at one reparameterized sample
/// z ~ q(z|x), and the closed-form KL(q(z|x) ‖ p(z)) per latent dimension (zeros for an
/// autoencoder); with the posterior and the sample, which some objectives need (β-TCVAE, DIP-VAE).
/// </summary>
public sealed record ElboTerms(Tensor LogLikelihood, Tensor KlPerDim, DiagonalGaussian Posterior, Tensor Z)
{
    /// <summary>KL per example: [B].</summary>
    public Tensor Kl => KlPerDim.sum(-1);

    /// <summary>ELBO per example: log p(x|z) − KL, [B].</summary>
    public Tensor Elbo => LogLikelihood - Kl;
}
