using Vae.Applications.Robotics;
using Vae.Evaluation;

namespace Vae.Tests.Applications.Robotics;

public class ProbeTests
{
    static double[] Gaussian(Random rng, int n) =>
        Enumerable.Range(0, n).Select(_ => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble())).ToArray();

    [Fact]
    public void Probe_Recovers_A_Known_Linear_Map_Exactly_Without_Noise()
    {
        var rng = new Random(1);
        int n = 300, k = 4, m = 2;
        var x = Gaussian(rng, n * k).Select((v, i) => v * (i % k + 1) + 3).ToArray();   // scaled, shifted features
        double[] w = [1.5, -2, 0.25, 0, 0, 1, -1, 0.5], b = [0.7, -4];
        var y = new double[n * m];
        for (int i = 0; i < n; i++)
            for (int c = 0; c < m; c++)
                y[i * m + c] = b[c] + Enumerable.Range(0, k).Sum(j => w[c * k + j] * x[i * k + j]);
        var probe = LinearProbe.Fit(x, k, y, m, ridge: 0);
        var (intercept, weights) = probe.Coefficients();
        for (int i = 0; i < w.Length; i++) Assert.Equal(w[i], weights[i], 9);
        for (int c = 0; c < m; c++) Assert.Equal(b[c], intercept[c], 8);
        Assert.All(probe.Score(x, y), r2 => Assert.Equal(1.0, r2, 12));
    }

    [Fact]
    public void Probe_R2_On_Held_Out_Rows_Matches_The_Noise_Level()
    {
        // y = 2 x1 − x2 + ε, Var(2x1 − x2) = 5, Var ε = 1: the best linear predictor has R² = 5/6.
        var rng = new Random(2);
        int n = 20000, k = 3;
        var x = Gaussian(rng, 2 * n * k);
        var noise = Gaussian(rng, 2 * n);
        var y = Enumerable.Range(0, 2 * n).Select(i => 2 * x[i * k] - x[i * k + 1] + noise[i]).ToArray();
        var unrelated = Gaussian(rng, 2 * n);
        var targets = Enumerable.Range(0, 2 * n).SelectMany(i => new[] { y[i], unrelated[i] }).ToArray();
        var probe = LinearProbe.Fit(x[..(n * k)], k, targets[..(2 * n)], 2);
        var r2 = probe.Score(x[(n * k)..], targets[(2 * n)..]);
        Assert.InRange(r2[0], 5.0 / 6.0 - 0.01, 5.0 / 6.0 + 0.01);   // sampling error of R² here is about 0.002
        Assert.InRange(r2[1], -0.01, 0.01);
    }

    [Fact]
    public void Randomized_Pca_Agrees_With_The_Exact_Eigendecomposition()
    {
        var rng = new Random(3);
        int n = 400, d = 40, k = 3;
        // Three strong directions plus isotropic noise.
        var basis = Gaussian(rng, k * d);
        var rows = new float[n * d];
        for (int i = 0; i < n; i++)
        {
            double[] c = [5 * Gaussian(rng, 1)[0], 3 * Gaussian(rng, 1)[0], 2 * Gaussian(rng, 1)[0]];
            for (int j = 0; j < d; j++)
                rows[i * d + j] = (float)(c[0] * basis[j] + c[1] * basis[d + j] + c[2] * basis[2 * d + j] + 0.1 * Gaussian(rng, 1)[0] + 1);
        }
        var exact = Pca.Fit(rows, d, k);
        var fast = Pca.FitRandomized(rows, d, k, seed: 5, doublePrecision: true, oversampling: 10);
        for (int c = 0; c < k; c++)
        {
            Assert.Equal(1.0, fast.ExplainedVariance[c] / exact.ExplainedVariance[c], 8);
            double dot = Enumerable.Range(0, d).Sum(j => fast.Components[c, j] * exact.Components[c, j]);
            Assert.Equal(1.0, dot, 8);
        }
        var projected = fast.Transform(rows);
        var reference = exact.Transform(rows);
        for (int i = 0; i < 50; i++) Assert.Equal(reference[i], projected[i], 3);
    }

    [Fact]
    public void R_Squared_Is_One_Minus_Residual_Over_Total_Sum_Of_Squares()
    {
        double[] truth = [1, 2, 3, 4, 10, 10, 10, 10];    // two targets, four rows
        double[] guess = [1.5, 2, 2, 4, 10, 10, 10, 10];
        var r2 = LinearProbe.RSquared(truth, guess, 2);
        double[] column = [1, 3, 10, 10], predicted = [1.5, 2, 10, 10];
        double mean = column.Average(), res = column.Zip(predicted, (t, p) => (t - p) * (t - p)).Sum(), tot = column.Sum(t => (t - mean) * (t - mean));
        Assert.Equal(1 - res / tot, r2[0], 14);
        Assert.Equal(1.0, r2[1], 14);
        Assert.True(double.IsNaN(LinearProbe.RSquared([2, 2, 2], [1, 2, 3], 1)[0]));
    }
}
