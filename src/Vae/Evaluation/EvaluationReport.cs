namespace Vae.Evaluation;

/// <summary>
/// A model's numbers on a data set, in nats per example: elbo = E[log p(x|z)] − KL (negative for
/// discrete data), reconstruction = −E[log p(x|z)], kl, and nll = −log p(x) estimated by importance
/// sampling with K samples (null for an autoencoder, which has no density); with a latent library size,
/// kl_library = KL(q(l|x) ‖ p(l)) (in the ELBO, not in kl; null otherwise).
/// </summary>
public sealed record EvaluationReport(
    double Elbo, double Reconstruction, double Kl, double? Nll, double? NllStandardError, int K, int N, double[] KlPerDim, double? KlLibrary = null);
