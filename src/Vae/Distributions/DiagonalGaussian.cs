using TorchSharp;
using static TorchSharp.torch;

namespace Vae.Distributions;

/// <summary>
/// A Gaussian with diagonal covariance, N(μ, diag(exp(logvar))), over the last dimension; or a
/// point mass at μ (the deterministic autoencoder's "posterior"). Holds references to its tensors;
/// it does not own them (they live in the caller's dispose scope).
/// </summary>
public sealed class DiagonalGaussian
{
    private static readonly double Log2Pi = Math.Log(2 * Math.PI);

    public DiagonalGaussian(Tensor mean, Tensor? logVariance)
    {
        Mean = mean;
        LogVariance = logVariance;
    }

    public static DiagonalGaussian PointMass(Tensor mean) => new(mean, null);

    public Tensor Mean { get; }

    /// <summary>log σ²; null for a point mass.</summary>
    public Tensor? LogVariance { get; }

    public bool IsPointMass => LogVariance is null;

    public Tensor StdDev => IsPointMass ? zeros_like(Mean) : (0.5 * LogVariance!).exp();

    /// <summary>The reparameterized sample z = μ + σ ⊙ ε, ε ~ N(0, I): differentiable in μ and σ.</summary>
    public Tensor Sample(Generator? generator = null)
    {
        if (IsPointMass) return Mean;
        var eps = randn(Mean.shape, dtype: Mean.dtype, device: Mean.device, generator: generator);
        return Mean + (0.5 * LogVariance!).exp() * eps;
    }

    /// <summary>K reparameterized samples at once: [K, ...batch shape].</summary>
    public Tensor Sample(long k, Generator? generator = null)
    {
        var shape = new long[] { k }.Concat(Mean.shape).ToArray();
        if (IsPointMass) return Mean.unsqueeze(0).expand(shape);
        var eps = randn(shape, dtype: Mean.dtype, device: Mean.device, generator: generator);
        return Mean.unsqueeze(0) + (0.5 * LogVariance!).exp().unsqueeze(0) * eps;
    }

    /// <summary>log q(z) summed over the last dimension; z may carry extra leading sample dimensions.</summary>
    public Tensor LogProb(Tensor z)
    {
        if (IsPointMass) throw new InvalidOperationException("A point mass has no density.");
        var diff = z - Mean;
        return (-0.5 * (Log2Pi + LogVariance! + diff * diff * (-LogVariance!).exp())).sum(-1);
    }

    /// <summary>
    /// KL(q ‖ N(0, I)) per dimension, in closed form: ½ (μ² + σ² − 1 − log σ²). Shape as μ.
    /// </summary>
    public Tensor KlToStandardNormalPerDim()
    {
        if (IsPointMass) throw new InvalidOperationException("The KL of a point mass to a Gaussian is infinite.");
        return 0.5 * (Mean * Mean + LogVariance!.exp() - 1 - LogVariance!);
    }
}
