using Vae.Distributions;
using static TorchSharp.torch;

namespace Vae.Models;

/// <summary>
/// The two terms of the ELBO for a batch, per example: log p(x|z) at one reparameterized sample
/// z ~ q(z|x), and the closed-form KL(q(z|x) ‖ p(z)) [B] and per latent dimension [B, d] (zeros for an
/// autoencoder; for a full-covariance posterior the per-dimension values are the marginals' KLs); with
/// the posterior and the sample, which some objectives need (β-TCVAE, DIP-VAE). With a property head
/// and targets, <see cref="PropertyError"/> is the head's squared error at z per example [B]
/// (standardized targets, summed over the known ones); null otherwise.
/// The per-dimension KL may be computed only when first read (<see cref="Prior.KlTerms"/>).
/// </summary>
public sealed record ElboTerms(Tensor LogLikelihood, Tensor Kl, Lazy<Tensor> LazyKlPerDim, Posterior Posterior, Tensor Z, Tensor? PropertyError = null)
{
    public ElboTerms(Tensor logLikelihood, Tensor kl, Tensor klPerDim, Posterior posterior, Tensor z, Tensor? propertyError = null)
        : this(logLikelihood, kl, new Lazy<Tensor>(klPerDim), posterior, z, propertyError) { }

    /// <summary>KL per latent dimension [B, d], summing to <see cref="Kl"/> (computed on first read when the prior defers it).</summary>
    public Tensor KlPerDim => LazyKlPerDim.Value;

    /// <summary>
    /// With a latent library size (<see cref="ModelOptions.LatentLibrary"/>): KL(q(l|x) ‖ p(l)) per example [B], in closed
    /// form, kept apart from <see cref="Kl"/> (it is neither β-weighted nor annealed, as in scVI); LogLikelihood is then
    /// log p(x|z, ℓ) at one sample l ~ q(l|x). Null with the observed library.
    /// </summary>
    public Tensor? LibraryKl { get; init; }

    /// <summary>
    /// A posterior extension's own loss per example [B] (a quantizer's codebook and commitment terms), which the
    /// objective adds to its loss; not part of the ELBO. Null for none.
    /// </summary>
    public Tensor? Penalty { get; init; }

    /// <summary>ELBO per example: log p(x|z) − KL (− KL of the latent library), [B].</summary>
    public Tensor Elbo => LibraryKl is null ? LogLikelihood - Kl : LogLikelihood - Kl - LibraryKl;
}
