using Vae.Distributions;
using static TorchSharp.torch;

namespace Vae.Tests.Distributions;

public class FullCovarianceGaussianTests
{
    static FullCovarianceGaussian Example()
    {
        // μ = (0.5, −1, 0.2); L lower-triangular with positive diagonal.
        var raw = tensor(new double[] { 0.5, -1, 0.2, Math.Log(0.8), Math.Log(0.5), Math.Log(1.3), 0.6, -0.4, 0.3 }, [1, 9]);
        return FullCovarianceGaussian.FromRaw(raw, 3);
    }

    [Fact]
    public void Raw_Outputs_Are_Laid_Out_As_Mean_Log_Diagonal_And_Lower_Entries()
    {
        using var scope = NewDisposeScope();
        var q = Example();
        var l = q.ScaleTril[0];
        Assert.Equal(0.8, l[0, 0].item<double>(), 12);
        Assert.Equal(0.6, l[1, 0].item<double>(), 12);
        Assert.Equal(-0.4, l[2, 0].item<double>(), 12);
        Assert.Equal(0.3, l[2, 1].item<double>(), 12);
        Assert.Equal(0.0, l[0, 1].item<double>(), 12);
    }

    [Fact]
    public void Full_Covariance_Kl_Matches_A_Monte_Carlo_Estimate()
    {
        using var scope = NewDisposeScope();
        using var g = new Generator(3);
        var q = Example();
        double analytic = q.KlToStandardNormal().item<double>();
        var z = q.Sample(400_000, g);                                      // [K, 1, 3]
        var diff = q.LogProb(z) - StandardNormal.LogProb(z);
        double mc = diff.mean().item<double>(), se = diff.std().item<double>() / Math.Sqrt(400_000);
        Assert.InRange(analytic, mc - 5 * se, mc + 5 * se);
        // and the sample covariance is L Lᵀ
        var flat = z.squeeze(1);
        var centered = flat - flat.mean([0]);
        var cov = centered.T.matmul(centered) / 400_000;
        Assert.True(cov.allclose(q.Covariance[0], atol: 0.01));
    }

    [Fact]
    public void LogProb_Matches_The_Multivariate_Normal_Density()
    {
        using var scope = NewDisposeScope();
        var q = Example();
        var z = tensor(new double[] { 0.1, 0.2, -0.3 }, [1, 3]);
        var sigma = q.Covariance[0];
        var diff = (z[0] - q.Mean[0]).unsqueeze(1);
        double maha = diff.T.matmul(linalg.inv(sigma)).matmul(diff).item<double>();
        double expected = -0.5 * (3 * Math.Log(2 * Math.PI) + linalg.det(sigma).log().item<double>() + maha);
        Assert.Equal(expected, q.LogProb(z).item<double>(), 9);
    }

    [Fact]
    public void A_Diagonal_Cholesky_Factor_Agrees_With_The_Diagonal_Gaussian()
    {
        using var scope = NewDisposeScope();
        var raw = tensor(new double[] { 0.3, -0.7, Math.Log(0.5), Math.Log(2.0), 0.0 }, [1, 5]);
        var full = FullCovarianceGaussian.FromRaw(raw, 2);
        var diag = new DiagonalGaussian(tensor(new double[] { 0.3, -0.7 }, [1, 2]), tensor(new double[] { 2 * Math.Log(0.5), 2 * Math.Log(2.0) }, [1, 2]));
        Assert.Equal(diag.KlToStandardNormal().item<double>(), full.KlToStandardNormal().item<double>(), 10);
        Assert.True(diag.KlToStandardNormalPerDim().allclose(full.KlToStandardNormalPerDim()));
        var z = tensor(new double[] { 1.0, -2.0 }, [1, 2]);
        Assert.Equal(diag.LogProb(z).item<double>(), full.LogProb(z).item<double>(), 10);
    }
}
