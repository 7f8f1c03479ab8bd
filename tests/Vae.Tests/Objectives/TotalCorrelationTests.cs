using Vae.Distributions;
using Vae.Models;
using Vae.Objectives;
using static TorchSharp.torch;

namespace Vae.Tests.Objectives;

public class TotalCorrelationTests
{
    // Posteriors N(μ_j, s² I) with μ_j ~ N(0, C − s² I): the aggregate posterior is N(0, C), C a correlation matrix
    // [[1, ρ], [ρ, 1]], whose total correlation is −½ log det C = −½ log(1 − ρ²).
    static (Tensor Mean, Tensor LogVariance, Tensor Z) GaussianBatch(double rho, int m, Generator g, double s2 = 0.2)
    {
        double a = Math.Sqrt(1 - s2), b = rho / a, c = Math.Sqrt(1 - s2 - b * b);   // Cholesky factor of C − s² I
        var e = randn([m, 2], dtype: ScalarType.Float64, generator: g);
        var mean = stack([a * e[.., 0], b * e[.., 0] + c * e[.., 1]], dim: 1);
        var logVariance = full([m, 2], Math.Log(s2), dtype: ScalarType.Float64);
        var z = mean + Math.Sqrt(s2) * randn([m, 2], dtype: ScalarType.Float64, generator: g);
        return (mean, logVariance, z);
    }

    static double MeanTc(double rho, int m, int repeats)
    {
        using var scope = NewDisposeScope();
        using var g = new Generator(7);
        double sum = 0;
        for (int r = 0; r < repeats; r++)
        {
            var (mean, logVariance, z) = GaussianBatch(rho, m, g);
            sum += MinibatchWeighted.Estimate(mean, logVariance, z, datasetSize: 1_000_000).TotalCorrelation.item<double>();
        }
        return sum / repeats;
    }

    [Fact]
    public void Minibatch_Tc_Of_A_Correlated_Gaussian_Converges_To_Minus_Half_Log_Det_R()
    {
        double rho = 0.6, exact = -0.5 * Math.Log(1 - rho * rho);   // 0.223
        double small = MeanTc(rho, m: 8, repeats: 64), large = MeanTc(rho, m: 1024, repeats: 4);
        Assert.True(Math.Abs(large - exact) < 0.03, $"M = 1024: TC {large:F4}, exact {exact:F4}");
        Assert.True(Math.Abs(large - exact) < Math.Abs(small - exact), $"M = 8: TC {small:F4}; M = 1024: {large:F4}; exact {exact:F4}");
    }

    [Fact]
    public void Minibatch_Tc_Of_Independent_Dimensions_Is_Near_Zero()
    {
        double tc = MeanTc(0, m: 1024, repeats: 4);
        Assert.True(Math.Abs(tc) < 0.02, $"TC {tc:F4}");
    }

    [Fact]
    public void Mi_Plus_Tc_Plus_Dimension_Wise_Kl_Is_The_Sampled_Kl_And_Estimates_The_Closed_Form_Kl()
    {
        using var scope = NewDisposeScope();
        using var g = new Generator(3);
        int m = 2000;
        var mean = randn([m, 3], dtype: ScalarType.Float64, generator: g) * 0.8;
        var logVariance = randn([m, 3], dtype: ScalarType.Float64, generator: g) * 0.5 - 1;
        var q = new DiagonalGaussian(mean, logVariance);
        var z = q.Sample(g);
        var d = MinibatchWeighted.Estimate(mean, logVariance, z, datasetSize: 60_000);
        double sum = (d.MutualInformation + d.TotalCorrelation + d.DimensionWiseKl).item<double>();
        var sampled = d.LogQzGivenX - d.LogPz;                       // one-sample KL per example
        Assert.Equal(sampled.mean().item<double>(), sum, 9);
        Assert.Equal((q.LogProb(z) - StandardNormal.LogProb(z)).mean().item<double>(), sum, 9);   // through the library's own densities
        double kl = q.KlToStandardNormal().mean().item<double>();
        double se = sampled.std().item<double>() / Math.Sqrt(m);
        Assert.True(Math.Abs(sum - kl) < 4 * se, $"MI + TC + dim-KL {sum:F4}, closed-form KL {kl:F4}, s.e. {se:F4}");
        Assert.True(d.TotalCorrelation.item<double>() > -0.05 && d.DimensionWiseKl.item<double>() > 0);
    }

    [Fact]
    public void Estimate_Matches_A_Loop_Over_The_Weighted_Mixture()
    {
        using var scope = NewDisposeScope();
        using var g = new Generator(11);
        int m = 5, dim = 3, n = 50;
        var mean = randn([m, dim], dtype: ScalarType.Float64, generator: g);
        var logVariance = randn([m, dim], dtype: ScalarType.Float64, generator: g) * 0.3;
        var z = randn([m, dim], dtype: ScalarType.Float64, generator: g);
        var d = MinibatchWeighted.Estimate(mean, logVariance, z, n);
        double[] mu = mean.data<double>().ToArray(), lv = logVariance.data<double>().ToArray(), zz = z.data<double>().ToArray();
        double Density(int i, int j, int k) =>
            Math.Exp(-0.5 * (Math.Log(2 * Math.PI) + lv[j * dim + k] + Math.Pow(zz[i * dim + k] - mu[j * dim + k], 2) / Math.Exp(lv[j * dim + k])));
        double Weight(int i, int j) => i == j ? 1.0 / n : (n - 1.0) / (n * (m - 1.0));
        for (int i = 0; i < m; i++)
        {
            double joint = 0, product = 0, own = 1;
            for (int j = 0; j < m; j++)
            {
                double p = 1;
                for (int k = 0; k < dim; k++) p *= Density(i, j, k);
                joint += Weight(i, j) * p;
            }
            for (int k = 0; k < dim; k++)
            {
                double marginal = 0;
                for (int j = 0; j < m; j++) marginal += Weight(i, j) * Density(i, j, k);
                product += Math.Log(marginal);
                own *= Density(i, i, k);
            }
            double prior = Enumerable.Range(0, dim).Sum(k => -0.5 * (Math.Log(2 * Math.PI) + zz[i * dim + k] * zz[i * dim + k]));
            Assert.Equal(Math.Log(joint), d.LogQz[i].item<double>(), 10);
            Assert.Equal(product, d.LogProductQz[i].item<double>(), 10);
            Assert.Equal(Math.Log(own), d.LogQzGivenX[i].item<double>(), 10);
            Assert.Equal(prior, d.LogPz[i].item<double>(), 10);
        }
    }

    [Theory]
    [InlineData(8, 1000)]
    [InlineData(8, 8)]
    [InlineData(1, 1000)]
    public void Importance_Weights_Sum_To_One_And_Are_Uniform_When_The_Batch_Is_The_Data_Set(int m, int n)
    {
        using var scope = NewDisposeScope();
        var w = MinibatchWeighted.LogWeights(m, n, ScalarType.Float64).exp();
        Assert.True(w.sum(dim: 1).allclose(ones(m, dtype: ScalarType.Float64)));
        if (m == n) Assert.True(w.allclose(full([m, m], 1.0 / n, dtype: ScalarType.Float64)));
        else if (m > 1) Assert.Equal(1.0 / n, w[0, 0].item<double>(), 12);
    }

    [Fact]
    public void Beta_Tcvae_Loss_Is_Reconstruction_Plus_Mi_Plus_Weighted_Tc_Plus_Dimension_Wise_Kl()
    {
        using var scope = NewDisposeScope();
        using var g = new Generator(5);
        var q = new DiagonalGaussian(randn([16, 3], generator: g), randn([16, 3], generator: g) * 0.2);
        var z = q.Sample(g);
        var logLikelihood = randn([16], generator: g) - 50;
        var terms = new ElboTerms(logLikelihood, q.KlToStandardNormal(), q.KlToStandardNormalPerDim(), q, z);
        var options = ObjectiveOptions.Elbo with { Disentangling = new DisentanglingOptions { Kind = ObjectiveKind.BetaTcvae, TcWeight = 4 } };
        var objective = Objective.Create(options, TestModels.SmallMlp(latent: 3), datasetSize: 1000, seed: 1);
        var value = objective.Evaluate(terms, new TrainingClock(0, 10, 100));
        var d = MinibatchWeighted.Estimate(q.Mean, q.LogVariance!, z, 1000);
        double expected = -logLikelihood.mean().item<float>() + d.MutualInformation.item<float>() + 4 * d.TotalCorrelation.item<float>() + d.DimensionWiseKl.item<float>();
        Assert.Equal(expected, value.Loss.item<float>(), 3);
        Assert.Equal(new[] { "mi", "tc", "dim_kl" }, objective.TermNames);
        Assert.Equal(d.TotalCorrelation.item<float>(), value.Terms[1].item<float>(), 5);
    }
}
