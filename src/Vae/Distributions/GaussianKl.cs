using static TorchSharp.torch;

namespace Vae.Distributions;

/// <summary>
/// KL(N(μ, σ²) ‖ N(0, 1)) per dimension, ½ (μ² + σ² − 1 − log σ²): the toolkit's one copy of the
/// formula, for posterior tensors (<see cref="DiagonalGaussian"/>, the marginals of
/// <see cref="FullCovarianceGaussian"/>) and for encoded means and standard deviations as arrays.
/// </summary>
public static class GaussianKl
{
    /// <summary>Elementwise, from log σ² (shapes broadcast).</summary>
    public static Tensor PerDimension(Tensor mean, Tensor logVariance) => Formula(mean, logVariance.exp(), logVariance);

    /// <summary>Elementwise, from σ².</summary>
    public static Tensor PerDimensionFromVariance(Tensor mean, Tensor variance) => Formula(mean, variance, variance.log());

    /// <summary>
    /// The mean over N rows of each dimension's KL, in double precision, from posterior means and
    /// standard deviations (N×d each, row-major, as <c>Generation.Encode</c> returns them).
    /// </summary>
    public static double[] MeanPerDimension(float[] mean, float[] stdDev, int dimension)
    {
        if (mean.Length != stdDev.Length || mean.Length % dimension != 0)
            throw new ArgumentException($"{mean.Length} means and {stdDev.Length} standard deviations are not rows of {dimension}.");
        using var scope = NewDisposeScope();
        int n = mean.Length / dimension;
        var mu = tensor(mean, [n, dimension]).to(ScalarType.Float64);
        var variance = tensor(stdDev, [n, dimension]).to(ScalarType.Float64).square();
        return PerDimensionFromVariance(mu, variance).mean([0]).data<double>().ToArray();
    }

    static Tensor Formula(Tensor mean, Tensor variance, Tensor logVariance) => 0.5 * (mean * mean + variance - 1 - logVariance);
}
