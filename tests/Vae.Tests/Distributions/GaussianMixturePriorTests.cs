using Vae.Distributions;
using static TorchSharp.torch;

namespace Vae.Tests.Distributions;

/// <summary>The equal-weight mixture of diagonal Gaussians against direct sums over its components, in double precision.</summary>
public class GaussianMixturePriorTests
{
    static (double[,] Mean, double[,] LogVar) Components(int k, int d, int seed)
    {
        var random = new Random(seed);
        var mean = new double[k, d];
        var logVar = new double[k, d];
        for (int c = 0; c < k; c++)
            for (int j = 0; j < d; j++)
            {
                mean[c, j] = 2 * random.NextDouble() - 1;
                logVar[c, j] = 1.5 * (2 * random.NextDouble() - 1) - 0.5;
            }
        return (mean, logVar);
    }

    static GaussianMixturePrior Prior(double[,] mean, double[,] logVar) => new(tensor(mean), tensor(logVar));

    // log N(z; μ, σ²) of one coordinate, by the formula
    static double Normal(double z, double mean, double logVar) =>
        -0.5 * (Math.Log(2 * Math.PI) + logVar + (z - mean) * (z - mean) / Math.Exp(logVar));

    // log (1/K) Σ_k Π_{j < upTo} N(z_j; μ_kj, σ_kj²), by a double loop (log-sum-exp with the largest term factored out)
    static double Direct(double[] z, double[,] mean, double[,] logVar, int upTo)
    {
        int k = mean.GetLength(0);
        var terms = new double[k];
        for (int c = 0; c < k; c++)
            for (int j = 0; j < upTo; j++) terms[c] += Normal(z[j], mean[c, j], logVar[c, j]);
        double max = terms.Max();
        return max + Math.Log(terms.Sum(t => Math.Exp(t - max)) / k);
    }

    static double[] Row(double[,] z, int i) => Enumerable.Range(0, z.GetLength(1)).Select(j => z[i, j]).ToArray();

    static double[,] Points(int n, int d, int seed)
    {
        var random = new Random(seed);
        var z = new double[n, d];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < d; j++) z[i, j] = 3 * (2 * random.NextDouble() - 1);
        return z;
    }

    [Fact]
    public void LogProb_Equals_A_Direct_Sum_Over_The_Components()
    {
        using var scope = NewDisposeScope();
        var (mean, logVar) = Components(7, 5, seed: 1);
        var prior = Prior(mean, logVar);
        var points = Points(12, 5, seed: 2);
        var z = tensor(points).reshape(3, 4, 5);   // leading sample dimensions are kept
        var logP = prior.LogProb(z).reshape(12).data<double>().ToArray();
        var components = prior.ComponentLogProbs(z).reshape(12, 7);
        for (int i = 0; i < 12; i++)
        {
            Assert.Equal(Direct(Row(points, i), mean, logVar, 5), logP[i], 10);
            for (int c = 0; c < 7; c++)
            {
                double expected = Enumerable.Range(0, 5).Sum(j => Normal(points[i, j], mean[c, j], logVar[c, j]));
                Assert.Equal(expected, components[i, c].item<double>(), 10);
            }
        }
    }

    [Fact]
    public void The_Chain_Rule_Terms_Are_Conditional_Densities_That_Sum_To_LogProb()
    {
        using var scope = NewDisposeScope();
        var (mean, logVar) = Components(6, 4, seed: 3);
        var prior = Prior(mean, logVar);
        var points = Points(9, 4, seed: 4);
        var perDim = prior.LogProbPerDim(tensor(points));
        var logP = prior.LogProb(tensor(points));
        for (int i = 0; i < 9; i++)
        {
            var z = Row(points, i);
            for (int j = 0; j < 4; j++)
            {
                // log p(z_j | z_<j) = log p(z_≤j) − log p(z_<j); the first is the marginal mixture of z_0
                double expected = Direct(z, mean, logVar, j + 1) - (j == 0 ? 0 : Direct(z, mean, logVar, j));
                Assert.Equal(expected, perDim[i, j].item<double>(), 10);
            }
            Assert.Equal(logP[i].item<double>(), perDim[i].sum().item<double>(), 10);
        }
    }

    [Fact]
    public void Many_Rows_Are_Computed_In_Passes_With_The_Same_Values()
    {
        using var scope = NewDisposeScope();
        var (mean, logVar) = Components(2000, 50, seed: 5);   // 100,000 values per row: about 41 rows per pass
        var prior = Prior(mean, logVar);
        var points = Points(100, 50, seed: 6);
        var perDim = prior.LogProbPerDim(tensor(points));
        var logP = prior.LogProb(tensor(points));
        foreach (int i in new[] { 0, 40, 41, 83, 99 })
        {
            var z = Row(points, i);
            Assert.Equal(Direct(z, mean, logVar, 50), logP[i].item<double>(), 8);
            Assert.Equal(Direct(z, mean, logVar, 50), perDim[i].sum().item<double>(), 8);
        }
    }

    [Fact]
    public void The_Kl_Is_Log_Q_Minus_Log_P_At_The_Sample_And_Its_Terms_Sum_To_It()
    {
        using var scope = NewDisposeScope();
        using var g = new Generator(3);
        var (mean, logVar) = Components(5, 3, seed: 7);
        var prior = Prior(mean, logVar);
        var q = new DiagonalGaussian(randn([4, 3], dtype: ScalarType.Float64, generator: g), 0.3 * randn([4, 3], dtype: ScalarType.Float64, generator: g));
        Assert.True(prior.NeedsLogQ(q));
        var (z, logQ) = q.SampleWithLogProb(g);
        var (total, perDim) = prior.Kl(q, z, logQ);
        for (int i = 0; i < 4; i++)
        {
            var zi = Enumerable.Range(0, 3).Select(j => z[i, j].item<double>()).ToArray();
            double logQi = Enumerable.Range(0, 3).Sum(j => Normal(zi[j], q.Mean[i, j].item<double>(), q.LogVariance![i, j].item<double>()));
            Assert.Equal(logQi - Direct(zi, mean, logVar, 3), total[i].item<double>(), 10);
            Assert.Equal(total[i].item<double>(), perDim[i].sum().item<double>(), 10);
        }
        Assert.Throws<ArgumentNullException>(() => prior.Kl(q, z));

        // What training uses: the total from log p(z) directly (no chain rule), the terms only when read.
        var (trainingTotal, lazyPerDim) = prior.KlTerms(q, z, logQ);
        Assert.False(lazyPerDim.IsValueCreated);
        for (int i = 0; i < 4; i++) Assert.Equal(total[i].item<double>(), trainingTotal[i].item<double>(), 10);
        Assert.Equal(0.0, (lazyPerDim.Value - perDim).abs().max().item<double>());
        Assert.Throws<ArgumentNullException>(() => prior.KlTerms(q, z));
    }

    [Fact]
    public void Samples_Have_The_Mixtures_Mean_And_Variance()
    {
        using var scope = NewDisposeScope();
        using var g = new Generator(11);
        double[,] mean = { { -2.0, 1.0 }, { 0.5, 0.0 }, { 3.0, -1.0 } };
        double[,] logVar = { { 0.0, -1.0 }, { -2.0, 0.5 }, { 1.0, 0.0 } };
        var z = Prior(mean, logVar).Sample(200_000, 2, CPU, g);
        Assert.Equal(new long[] { 200_000, 2 }, z.shape);
        for (int j = 0; j < 2; j++)
        {
            // E[z_j] = mean of μ_kj; Var[z_j] = mean of (σ_kj² + μ_kj²) − E[z_j]²
            double m = Enumerable.Range(0, 3).Average(c => mean[c, j]);
            double v = Enumerable.Range(0, 3).Average(c => Math.Exp(logVar[c, j]) + mean[c, j] * mean[c, j]) - m * m;
            var column = z.select(1, j);
            double se = Math.Sqrt(v / 200_000);
            Assert.InRange(column.mean().item<double>(), m - 5 * se, m + 5 * se);
            Assert.InRange(column.var().item<double>(), v * 0.98, v * 1.02);
        }
    }
}
