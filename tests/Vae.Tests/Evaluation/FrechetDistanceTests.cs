using Vae.Evaluation;
using static TorchSharp.torch;

namespace Vae.Tests.Evaluation;

public class FrechetDistanceTests
{
    [Fact]
    public void Distance_Between_Gaussians_Matches_The_Closed_Form()
    {
        // For commuting (here diagonal) covariances: ‖μ₁ − μ₂‖² + Σ (σ₁ − σ₂)².
        using var scope = NewDisposeScope();
        var muA = tensor(new double[] { 0, 1, 2 });
        var muB = tensor(new double[] { 1, 1, 0 });
        var covA = diag(tensor(new double[] { 1, 4, 9 }));
        var covB = diag(tensor(new double[] { 4, 1, 1 }));
        double expected = 1 + 0 + 4 + (1 - 2) * (1 - 2) + (2 - 1) * (2 - 1) + (3 - 1) * (3 - 1);
        Assert.Equal(expected, FrechetDistance.Compute(muA, covA, muB, covB), 9);
        // A rotated, non-diagonal covariance against itself: zero.
        var r = linalg.qr(randn(3, 3, dtype: ScalarType.Float64)).Q;
        var cov = r.matmul(covA).matmul(r.T);
        Assert.Equal(0, FrechetDistance.Compute(muA, cov, muA, cov), 6);
    }

    [Fact]
    public void Distance_From_Samples_Approaches_The_Population_Value()
    {
        var rng = new Random(3);
        double Normal() => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
        int n = 20000;
        var a = new float[n * 2];
        var b = new float[n * 2];
        for (int i = 0; i < n; i++)
        {
            a[2 * i] = (float)Normal(); a[2 * i + 1] = (float)(2 * Normal());
            b[2 * i] = (float)(1 + Normal()); b[2 * i + 1] = (float)(3 * Normal());
        }
        Assert.Equal(1 + 1, FrechetDistance.Compute(a, b, 2), 1);
    }
}
