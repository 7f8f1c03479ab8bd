using Vae.Models;
using static TorchSharp.torch;

namespace Vae.Tests.Models;

public class FactorAnalysisTests
{
    /// <summary>n draws from x = W z + μ + ε with a known W (D×k), μ and diagonal Ψ.</summary>
    public static (float[] Rows, double[,] W, double[] Mu, double[] Psi) Sample(int n, int seed)
    {
        int d = 8, k = 2;
        var rng = new Random(seed);
        double Normal() => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
        var w = new double[d, k];
        for (int i = 0; i < d; i++) for (int j = 0; j < k; j++) w[i, j] = Normal();
        var mu = Enumerable.Range(0, d).Select(i => 0.5 * i).ToArray();
        var psi = Enumerable.Range(0, d).Select(i => 0.1 + 0.05 * i).ToArray();
        var rows = new float[n * d];
        for (int r = 0; r < n; r++)
        {
            var z = new[] { Normal(), Normal() };
            for (int i = 0; i < d; i++)
                rows[r * d + i] = (float)(mu[i] + w[i, 0] * z[0] + w[i, 1] * z[1] + Math.Sqrt(psi[i]) * Normal());
        }
        return (rows, w, mu, psi);
    }

    [Fact]
    public void Em_Never_Decreases_The_Likelihood()
    {
        var (rows, _, _, _) = Sample(2000, seed: 1);
        var fa = FactorAnalysis.FitEm(rows, 8, 2, maxIterations: 200, tolerance: 0);
        Assert.True(fa.Iterations > 20);
        for (int i = 1; i < fa.Iterations; i++)
            Assert.True(fa.LogLikelihoodHistory[i] >= fa.LogLikelihoodHistory[i - 1] - 1e-9, $"iteration {i}: {fa.LogLikelihoodHistory[i - 1]} -> {fa.LogLikelihoodHistory[i]}");
    }

    [Fact]
    public void Em_Recovers_A_Known_Model_Up_To_Rotation()
    {
        var (rows, w, mu, psi) = Sample(40000, seed: 2);
        var fa = FactorAnalysis.FitEm(rows, 8, 2);
        // W is identified only up to a rotation: compare W Wᵀ and Ψ.
        for (int i = 0; i < 8; i++)
        {
            Assert.Equal(mu[i], fa.Mean[i], 1);
            Assert.True(Math.Abs(psi[i] - fa.NoiseVariance[i]) < 0.05, $"Ψ[{i}] {fa.NoiseVariance[i]} vs {psi[i]}");
            for (int j = 0; j < 8; j++)
            {
                double truth = w[i, 0] * w[j, 0] + w[i, 1] * w[j, 1];
                double fit = fa.Loadings[i, 0] * fa.Loadings[j, 0] + fa.Loadings[i, 1] * fa.Loadings[j, 1];
                Assert.True(Math.Abs(truth - fit) < 0.1 + 0.05 * Math.Abs(truth), $"(WWᵀ)[{i},{j}] {fit} vs {truth}");
            }
        }
    }

    [Fact]
    public void Log_Likelihood_Matches_The_Gaussian_Density_Of_Its_Covariance()
    {
        var (rows, _, _, _) = Sample(500, seed: 3);
        var fa = FactorAnalysis.FitEm(rows, 8, 2, maxIterations: 50);
        using var scope = NewDisposeScope();
        var w = tensor(Enumerable.Range(0, 16).Select(i => fa.Loadings[i / 2, i % 2]).ToArray(), [8, 2]);
        var cov = w.matmul(w.T) + diag(tensor(fa.NoiseVariance));
        var x = tensor(rows, [500, 8]).to(ScalarType.Float64) - tensor(fa.Mean);
        var maha = (x.matmul(linalg.inv(cov)) * x).sum(1);
        var expected = -0.5 * (8 * Math.Log(2 * Math.PI) + linalg.slogdet(cov).Item2 + maha);
        var got = fa.LogLikelihood(rows);
        for (int i = 0; i < 500; i += 37) Assert.Equal(expected[i].item<double>(), got[i], 8);
        Assert.Equal(got.Average(), fa.LogLikelihoodHistory[^1], 6);
    }

    [Fact]
    public void Em_Reaches_At_Least_The_Likelihood_Of_Ppca_Which_Is_A_Special_Case()
    {
        var (rows, _, _, _) = Sample(5000, seed: 4);
        var fa = FactorAnalysis.FitEm(rows, 8, 2);
        var ppca = FactorAnalysis.FitPpca(rows, 8, 2);
        Assert.True(fa.LogLikelihoodHistory[^1] >= ppca.LogLikelihoodHistory[0] - 1e-6);
        Assert.All(ppca.NoiseVariance, v => Assert.Equal(ppca.NoiseVariance[0], v));
    }
}
