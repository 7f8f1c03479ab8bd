namespace Vae.Evaluation;

/// <summary>Means over a data set, in nats per example. Reconstruction is −E_q[log p(x|z)] (positive).</summary>
public sealed record ElboEstimate(double Elbo, double Reconstruction, double Kl, int Count, double[] KlPerDim);
