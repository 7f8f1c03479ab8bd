using System.Text.Json.Nodes;
using MathNet.Numerics.LinearAlgebra;
using Vae.Samplers.Gmm;
using static TorchSharp.torch;

namespace Vae.Tests.Samplers;

/// <summary>
/// The EM of the gmm sampler against scikit-learn's GaussianMixture (Fixtures/gmm.json, written by Fixtures/make.sh),
/// its log density against a direct sum of Gaussian densities, and its draws against the mixture's moments.
/// </summary>
public class GaussianMixtureEmTests
{
    static string FixtureFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "tests", "Vae.Tests", "Samplers", "Fixtures");
            if (Directory.Exists(candidate)) return candidate;
        }
        throw new DirectoryNotFoundException($"tests/Vae.Tests/Samplers/Fixtures not found above {AppContext.BaseDirectory}.");
    }

    static double[] Vector(JsonNode? n) => n!.AsArray().Select(v => v!.GetValue<double>()).ToArray();
    static double[][] Matrix(JsonNode? n) => n!.AsArray().Select(Vector).ToArray();
    static double[][][] Matrices(JsonNode? n) => n!.AsArray().Select(Matrix).ToArray();

    [Fact]
    public void Em_From_The_Same_Start_As_ScikitLearn_Reaches_The_Same_Mixture()
    {
        var f = JsonNode.Parse(File.ReadAllText(Path.Combine(FixtureFolder(), "gmm.json")))!;
        var x = Matrix(f["x"]);
        var init = new GaussianMixture(Vector(f["init"]!["weights"]), Matrix(f["init"]!["means"]), Matrices(f["init"]!["covariances"]));
        var options = new GmmOptions { Components = 3, Tolerance = f["tol"]!.GetValue<double>(), RegCovar = f["reg_covar"]!.GetValue<double>(), MaxIterations = f["max_iter"]!.GetValue<int>() };
        using var data = tensor(x.SelectMany(r => r).ToArray(), [x.Length, 3]);

        var r = GaussianMixtureEm.Fit(data, options, init);

        Assert.Equal(f["lower_bound"]!.GetValue<double>(), r.LowerBound, 1e-9);
        Assert.Equal(f["n_iter"]!.GetValue<int>(), r.Iterations);
        Assert.True(r.Converged);
        AssertClose(Vector(f["weights"]), r.Mixture.Weights, 1e-6);
        for (int k = 0; k < 3; k++)
        {
            AssertClose(Matrix(f["means"])[k], r.Mixture.Means[k], 1e-6);
            for (int i = 0; i < 3; i++) AssertClose(Matrices(f["covariances"])[k][i], r.Mixture.Covariances[k][i], 1e-6);
        }
        using var probe = data[..10];
        using var logp = r.Mixture.LogDensity(probe);
        AssertClose(Vector(f["score_samples"]), logp.data<double>().ToArray(), 1e-6);
    }

    [Fact]
    public void Log_Density_Equals_The_Log_Of_A_Direct_Sum_Of_Gaussian_Densities()
    {
        var mixture = new GaussianMixture([0.3, 0.7],
            [[0.5, -1.0, 2.0], [-1.5, 0.0, 0.25]],
            [[[2.0, 0.3, -0.2], [0.3, 1.0, 0.1], [-0.2, 0.1, 0.5]], [[0.4, 0.0, 0.1], [0.0, 3.0, -0.5], [0.1, -0.5, 1.2]]]);
        double[][] points = [[0, 0, 0], [1, -2, 1.5], [-2, 0.5, 0], [3, 3, -3]];
        using var x = tensor(points.SelectMany(p => p).ToArray(), [points.Length, 3]);
        var logp = mixture.LogDensity(x).data<double>().ToArray();
        for (int i = 0; i < points.Length; i++)
        {
            double p = 0;
            for (int k = 0; k < 2; k++)
            {
                var sigma = Matrix<double>.Build.DenseOfRowArrays(mixture.Covariances[k]);
                var diff = Vector<double>.Build.DenseOfArray(points[i]) - Vector<double>.Build.DenseOfArray(mixture.Means[k]);
                p += mixture.Weights[k] * Math.Exp(-0.5 * diff * sigma.Inverse() * diff) / Math.Sqrt(Math.Pow(2 * Math.PI, 3) * sigma.Determinant());
            }
            Assert.Equal(Math.Log(p), logp[i], 1e-10);
        }
    }

    [Fact]
    public void Draws_Have_The_Mixture_Mean_And_Covariance()
    {
        var mixture = new GaussianMixture([0.25, 0.75], [[2.0, 0.0], [-1.0, 1.0]], [[[1.0, 0.5], [0.5, 2.0]], [[0.3, -0.1], [-0.1, 0.2]]]);
        using var g = new Generator(3);
        using var z = mixture.Sample(200_000, g);
        var mean = z.mean([0]).data<double>().ToArray();
        var c = z - z.mean([0]);
        var cov = (c.T.matmul(c) / z.shape[0]).data<double>().ToArray();
        // E[z] = Σ w μ; Cov[z] = Σ w (Σ + μμᵀ) − E[z]E[z]ᵀ.
        double[] m = [0.25 * 2 + 0.75 * -1, 0.75 * 1];
        double[,] e2 = { { 0.25 * (1 + 4) + 0.75 * (0.3 + 1), 0.25 * 0.5 + 0.75 * (-0.1 - 1) }, { 0, 0.25 * 2 + 0.75 * (0.2 + 1) } };
        e2[1, 0] = e2[0, 1];
        AssertClose(m, mean, 0.01);
        for (int i = 0; i < 2; i++)
            for (int j = 0; j < 2; j++) Assert.Equal(e2[i, j] - m[i] * m[j], cov[i * 2 + j], 0.02);
    }

    [Fact]
    public void A_Seeded_Fit_Finds_Separated_Clusters_And_Repeats_Exactly()
    {
        using var g0 = new Generator(11);
        var centres = tensor(new double[] { -6, 0, 0, 6, 6, 0, 0, -6 }, [4, 2]);
        using var x = (centres.repeat_interleave(250, 0) + 0.5 * randn([1000, 2], dtype: ScalarType.Float64, generator: g0));
        var options = new GmmOptions { Components = 4 };
        GmmFitResult Fit() { using var g = new Generator(5); return GaussianMixtureEm.Fit(x, options, g); }
        var a = Fit();
        var b = Fit();
        Assert.Equal(a.LowerBound, b.LowerBound);
        Assert.Equal(a.Mixture.Means.SelectMany(r => r), b.Mixture.Means.SelectMany(r => r));
        var found = a.Mixture.Means.Select(m => (Math.Round(m[0] / 6), Math.Round(m[1] / 6))).OrderBy(p => p).ToArray();
        Assert.Equal(new[] { (-1.0, 0.0), (0.0, -1.0), (0.0, 1.0), (1.0, 0.0) }, found);
        Assert.All(a.Mixture.Weights, w => Assert.Equal(0.25, w, 1e-3));
    }

    static void AssertClose(double[] expected, double[] actual, double tolerance)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++) Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance, $"[{i}]: expected {expected[i]}, got {actual[i]}");
    }
}
