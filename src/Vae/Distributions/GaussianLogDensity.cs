using static TorchSharp.torch;

namespace Vae.Distributions;

/// <summary>
/// log N(z; μ, σ²) per dimension, −½ (log 2π + log σ² + (z − μ)² / σ²), elementwise with broadcasting: the terms
/// whose sum over the last dimension is a diagonal Gaussian's log-density (<see cref="DiagonalGaussian.LogProb"/>).
/// </summary>
public static class GaussianLogDensity
{
    private static readonly double Log2Pi = Math.Log(2 * Math.PI);

    /// <summary>Elementwise log N(z; μ, exp(log σ²)) (shapes broadcast).</summary>
    public static Tensor PerDimension(Tensor z, Tensor mean, Tensor logVariance)
    {
        var diff = z - mean;
        return -0.5 * (Log2Pi + logVariance + diff * diff * (-logVariance).exp());
    }

    /// <summary>Elementwise log N(z; μ, σ²) of a diagonal Gaussian (not a point mass).</summary>
    public static Tensor PerDimension(Tensor z, DiagonalGaussian q) =>
        PerDimension(z, q.Mean, q.LogVariance ?? throw new InvalidOperationException("A point mass has no density."));
}
