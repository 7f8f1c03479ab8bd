using TorchSharp;
using static TorchSharp.torch;

namespace Vae.Distributions;

/// <summary>
/// A Gaussian with diagonal covariance, N(μ, diag(exp(logvar))), over the last dimension; or a
/// point mass at μ (the deterministic autoencoder's "posterior").
/// </summary>
public sealed class DiagonalGaussian : Posterior
{
    /// <summary>
    /// Bounds on a posterior's log σ²: σ between e^−15 ≈ 3·10⁻⁷ and e^10 ≈ 2·10⁴. Far outside anything
    /// a trained model uses (so results are unchanged), but they keep exp(log σ²) and 1/σ² finite in
    /// float32 when a run goes astray; outside them the gradient is zero rather than NaN.
    /// </summary>
    public const double MinLogVariance = -30, MaxLogVariance = 20;

    public DiagonalGaussian(Tensor mean, Tensor? logVariance)
    {
        Mean = mean;
        LogVariance = logVariance;
    }

    public static DiagonalGaussian PointMass(Tensor mean) => new(mean, null);

    public override Tensor Mean { get; }

    /// <summary>log σ²; null for a point mass.</summary>
    public Tensor? LogVariance { get; }

    public override bool IsPointMass => LogVariance is null;

    public override Tensor StdDev => IsPointMass ? zeros_like(Mean) : (0.5 * LogVariance!).exp();

    public override Tensor Sample(Generator? generator = null)
    {
        if (IsPointMass) return Mean;
        var eps = RowWindow.Draw(Mean.shape, 0, shape => randn(shape, dtype: Mean.dtype, device: Mean.device, generator: generator));
        return Mean + (0.5 * LogVariance!).exp() * eps;
    }

    public override Tensor Sample(long k, Generator? generator = null)
    {
        var shape = new long[] { k }.Concat(Mean.shape).ToArray();
        if (IsPointMass) return Mean.unsqueeze(0).expand(shape);
        var eps = RowWindow.Draw(shape, 1, whole => randn(whole, dtype: Mean.dtype, device: Mean.device, generator: generator));
        return Mean.unsqueeze(0) + (0.5 * LogVariance!).exp().unsqueeze(0) * eps;
    }

    public override Tensor LogProb(Tensor z)
    {
        if (IsPointMass) throw new InvalidOperationException("A point mass has no density.");
        var diff = z - Mean;
        return (-0.5 * (Log2Pi + LogVariance! + diff * diff * (-LogVariance!).exp())).sum(-1);
    }

    /// <summary>½ (μ² + σ² − 1 − log σ²) per dimension.</summary>
    public override Tensor KlToStandardNormalPerDim()
    {
        if (IsPointMass) throw new InvalidOperationException("The KL of a point mass to a Gaussian is infinite.");
        return GaussianKl.PerDimension(Mean, LogVariance!);
    }

    public override Tensor KlToStandardNormal() => KlToStandardNormalPerDim().sum(-1);

    /// <summary>KL(this ‖ p) to another diagonal Gaussian, summed over the last dimension (shapes broadcast):
    /// ½ Σ (log σ_p² − log σ² + (σ² + (μ − μ_p)²) / σ_p² − 1).</summary>
    public Tensor KlTo(DiagonalGaussian p)
    {
        if (IsPointMass || p.IsPointMass) throw new InvalidOperationException("The KL between point masses is not finite.");
        var diff = Mean - p.Mean;
        return (0.5 * (p.LogVariance! - LogVariance! + (LogVariance!.exp() + diff * diff) * (-p.LogVariance!).exp() - 1)).sum(-1);
    }
}
