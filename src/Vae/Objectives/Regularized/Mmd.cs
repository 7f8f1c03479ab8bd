using TorchSharp;
using Vae.Distributions;
using static TorchSharp.torch;

namespace Vae.Objectives;

/// <summary>
/// The squared maximum mean discrepancy between two samples, estimated without bias (the U-statistic of Gretton et
/// al. 2012, as the WAE paper's code computes it):
/// <code>
///   MMD²(x, y) = Σ_{i≠j} k(x_i, x_j) / (n(n−1)) + Σ_{i≠j} k(y_i, y_j) / (m(m−1)) − 2 Σ_{i,j} k(x_i, y_j) / (nm)
/// </code>
/// with k a sum of kernels over the bandwidths C = s · 2dσ², s ∈ <see cref="Scales"/> (d the dimension, σ² the
/// prior's variance per dimension, 1 for N(0, I)). Its expectation is 0 when x and y come from the same
/// distribution; a single estimate may be negative.
/// </summary>
public static class Mmd
{
    /// <summary>The bandwidth multipliers s of C = s · 2dσ² (those of the WAE paper's code).</summary>
    public static readonly IReadOnlyList<double> Scales = [0.1, 0.2, 0.5, 1, 2, 5, 10];

    /// <summary>The unbiased MMD² between x [n, d] and y [m, d] (n, m ≥ 2): a scalar in x's dtype.</summary>
    public static Tensor Unbiased(Tensor x, Tensor y, MmdKernel kernel, double priorVariance = 1)
    {
        long n = x.shape[0], m = y.shape[0];
        if (n < 2 || m < 2) throw new ArgumentException($"the unbiased MMD needs at least 2 points in each sample (got {n} and {m}).");
        using var scope = NewDisposeScope();
        double c = 2 * x.shape[1] * priorVariance;
        var xx = OffDiagonalMean(Kernel(SquaredDistances(x, x), kernel, c));
        var yy = OffDiagonalMean(Kernel(SquaredDistances(y, y), kernel, c));
        var xy = Kernel(SquaredDistances(x, y), kernel, c).mean();
        return (xx + yy - 2 * xy).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// MMD² between codes z [B, d] and as many draws from <paramref name="prior"/> (from <paramref name="generator"/>), with
    /// the bandwidth of N(0, I) (σ² = 1). A batch of one example has no unbiased estimate: 0 (no gradient).
    /// </summary>
    public static Tensor ToPrior(Prior prior, Tensor z, MmdKernel kernel, Generator? generator)
    {
        long n = z.shape[0];
        if (n < 2) return zeros([], dtype: z.dtype, device: z.device);
        using var scope = NewDisposeScope();
        var draws = prior.Sample(n, z.shape[1], z.device, generator).to(z.dtype);   // [B, d]
        return Unbiased(z, draws, kernel).MoveToOuterDisposeScope();
    }

    /// <summary>‖a_i − b_j‖² for a [n, d], b [m, d]: [n, m] (by differences, so the diagonal of a with itself is exactly 0).</summary>
    public static Tensor SquaredDistances(Tensor a, Tensor b) => (a.unsqueeze(1) - b.unsqueeze(0)).square().sum(-1);

    /// <summary>The kernel at squared distances <paramref name="distances"/>, summed over the bandwidths C = s · <paramref name="baseBandwidth"/>.</summary>
    public static Tensor Kernel(Tensor distances, MmdKernel kernel, double baseBandwidth)
    {
        Tensor? sum = null;
        foreach (double s in Scales)
        {
            double c = s * baseBandwidth;
            var k = kernel == MmdKernel.Imq ? c / (distances + c) : (distances / -c).exp();
            sum = sum is null ? k : sum + k;
        }
        return sum!;
    }

    // The mean of a square matrix's off-diagonal entries: Σ_{i≠j} K_ij / (n(n−1)).
    static Tensor OffDiagonalMean(Tensor k)
    {
        long n = k.shape[0];
        var offDiagonal = k * (1 - eye(n, dtype: k.dtype, device: k.device));
        return offDiagonal.sum() / (n * (n - 1.0));
    }
}
