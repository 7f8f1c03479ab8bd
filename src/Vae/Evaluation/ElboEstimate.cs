namespace Vae.Evaluation;

/// <summary>
/// Means over a data set, in nats per example. Reconstruction is −E_q[log p(x|z)] (positive). With a latent library
/// size, KlLibrary is the mean KL(q(l|x) ‖ p(l)) (null otherwise), Kl that of z alone, and Elbo = −Reconstruction − Kl − KlLibrary.
/// </summary>
public sealed record ElboEstimate(double Elbo, double Reconstruction, double Kl, int Count, double[] KlPerDim, double? KlLibrary = null);
