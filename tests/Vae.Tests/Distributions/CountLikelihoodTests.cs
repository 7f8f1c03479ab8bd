using Vae.Data;
using Vae.Distributions;
using Vae.Runs;
using Vae.Training;
using static TorchSharp.torch;

namespace Vae.Tests.Distributions;

/// <summary>
/// The count likelihoods against independent double-precision formulas that use no lgamma
/// (log x! and lgamma(x+θ) − lgamma(θ) as explicit sums of logs), and against scipy values.
/// </summary>
public class CountLikelihoodTests
{
    // log x! = Σ_{k=2}^{x} log k
    static double LogFactorial(int x) { double s = 0; for (int k = 2; k <= x; k++) s += Math.Log(k); return s; }

    static double PoissonRef(int x, double mu) => x * Math.Log(mu) - mu - LogFactorial(x);

    // Γ(x+θ)/Γ(θ) = Π_{k<x} (θ+k); θ log(θ/(θ+μ)) = −θ log1p(μ/θ)
    static double NbRef(int x, double mu, double theta)
    {
        double s = -LogFactorial(x) - theta * double.LogP1(mu / theta) + x * (Math.Log(mu) - Math.Log(theta + mu));
        for (int k = 0; k < x; k++) s += Math.Log(theta + k);
        return s;
    }

    static double ZinbRef(int x, double mu, double theta, double pi) =>
        x == 0 ? Math.Log(pi + (1 - pi) * Math.Exp(NbRef(0, mu, theta))) : Math.Log(1 - pi) + NbRef(x, mu, theta);

    static readonly (int X, double Mu)[] Cases =
    [
        (0, 1e-30), (1, 1e-30), (3, 1e-8), (0, 1e-3), (0, 2.5), (1, 2.5), (7, 2.5), (0, 300), (12, 0.4),
        (1000, 1000), (2500, 2400), (4321, 5000.5), (0, 8000), (3, 9000),
    ];

    static readonly double[] Thetas = [0.05, 1, 13.7, 1e4];

    static Tensor D(double[] v) => tensor(v, dtype: ScalarType.Float64);

    static double[] Values(Tensor t) => t.to(ScalarType.Float64).data<double>().ToArray();

    static void AssertClose(double expected, double actual, string what)
    {
        double tol = 1e-10 * Math.Max(1, Math.Abs(expected));
        Assert.True(Math.Abs(expected - actual) <= tol, $"{what}: expected {expected:R}, got {actual:R}");
    }

    [Fact]
    public void Poisson_LogProb_Matches_The_Direct_Formula_From_Zero_To_Thousands_And_Tiny_Means()
    {
        using var scope = NewDisposeScope();
        var x = D(Cases.Select(c => (double)c.X).ToArray());
        var logMu = D(Cases.Select(c => Math.Log(c.Mu)).ToArray());
        var got = Values(CountLogProbs.Poisson(x, logMu));
        for (int i = 0; i < Cases.Length; i++) AssertClose(PoissonRef(Cases[i].X, Cases[i].Mu), got[i], $"Poisson{Cases[i]}");
    }

    [Fact]
    public void NegativeBinomial_LogProb_Matches_The_Direct_Formula_For_Every_Dispersion()
    {
        using var scope = NewDisposeScope();
        foreach (double theta in Thetas)
        {
            var x = D(Cases.Select(c => (double)c.X).ToArray());
            var logMu = D(Cases.Select(c => Math.Log(c.Mu)).ToArray());
            var got = Values(CountLogProbs.NegativeBinomial(x, logMu, D([Math.Log(theta)])));
            for (int i = 0; i < Cases.Length; i++) AssertClose(NbRef(Cases[i].X, Cases[i].Mu, theta), got[i], $"NB{Cases[i]} θ={theta}");
        }
    }

    [Fact]
    public void Zinb_LogProb_Matches_The_Mixture_Formula_At_Zero_And_Above()
    {
        using var scope = NewDisposeScope();
        foreach (double theta in Thetas)
            foreach (double logit in new[] { -40.0, -2.0, 0.0, 1.5, 25.0 })
            {
                double pi = 1 / (1 + Math.Exp(-logit));
                var x = D(Cases.Select(c => (double)c.X).ToArray());
                var logMu = D(Cases.Select(c => Math.Log(c.Mu)).ToArray());
                var got = Values(CountLogProbs.ZeroInflatedNegativeBinomial(x, logMu, D([Math.Log(theta)]), D([logit])));
                for (int i = 0; i < Cases.Length; i++)
                {
                    // log(1 − π) = −softplus(l) computed without rounding 1 − π when π ≈ 1
                    double expected = Cases[i].X == 0 ? ZinbRef(0, Cases[i].Mu, theta, pi)
                        : -(Math.Max(logit, 0) + double.LogP1(Math.Exp(-Math.Abs(logit)))) + NbRef(Cases[i].X, Cases[i].Mu, theta);
                    AssertClose(expected, got[i], $"ZINB{Cases[i]} θ={theta} l={logit}");
                }
            }
    }

    // scipy 1.10.1 (tests/Vae.Tests/Distributions/count_fixtures.py): poisson.logpmf(x, mu), nbinom.logpmf(x, n=θ, p=θ/(θ+μ)).
    [Theory]
    [InlineData("poisson", 0, 1e-30, 0, -1e-30)]
    [InlineData("poisson", 5, 2.5, 0, -2.7060380834112703)]
    [InlineData("poisson", 2500, 2400, 0, -6.885981172599713)]
    [InlineData("nb", 0, 2.5, 0.05, -0.19659128163621628)]
    [InlineData("nb", 7, 2.5, 1, -3.6080686248438583)]
    [InlineData("nb", 4321, 5000.5, 13.7, -8.128002910561804)]
    [InlineData("nb", 1, 1e-3, 13.7, -6.908828232525037)]
    public void Count_LogProbs_Match_Scipy(string kind, int x, double mu, double theta, double scipy)
    {
        using var scope = NewDisposeScope();
        var got = kind == "poisson"
            ? CountLogProbs.Poisson(D([x]), D([Math.Log(mu)]))
            : CountLogProbs.NegativeBinomial(D([x]), D([Math.Log(mu)]), D([Math.Log(theta)]));
        Assert.Equal(scipy, Values(got)[0], 1e-9 * Math.Max(1, Math.Abs(scipy)));
    }

    [Fact]
    public void Nb_And_Zinb_Probabilities_Sum_To_One()
    {
        using var scope = NewDisposeScope();
        var x = arange(0, 4000, dtype: ScalarType.Float64);
        foreach (var (mu, theta) in new[] { (0.3, 0.5), (40.0, 2.0), (700.0, 30.0) })
        {
            var nb = CountLogProbs.NegativeBinomial(x, D([Math.Log(mu)]), D([Math.Log(theta)]));
            Assert.Equal(0, nb.logsumexp(0).item<double>(), 1e-9);
            var zinb = CountLogProbs.ZeroInflatedNegativeBinomial(x, D([Math.Log(mu)]), D([Math.Log(theta)]), D([0.7]));
            Assert.Equal(0, zinb.logsumexp(0).item<double>(), 1e-9);
        }
    }

    [Fact]
    public void Likelihoods_Scale_The_Softmax_Of_The_Decoder_By_The_Observed_Library_Size()
    {
        using var scope = NewDisposeScope();
        double[] logits = [0.3, -1.2, 2.0, -30.0, 0.0, 1.0, -0.5, 4.0];
        double[] zl = [-1.0, 0.5, -3.0, 2.0, 0.0, -0.2, 1.0, -5.0];
        double[] counts = [3, 0, 1200, 0, 0, 7, 1, 80];
        var x = tensor(counts, [2, 4], ScalarType.Float64);
        var decoded = tensor(logits, [2, 4], ScalarType.Float64);
        var nb = new NegativeBinomialLikelihood(4);
        var zinb = new ZeroInflatedNegativeBinomialLikelihood(4);
        using (no_grad()) { nb.LogTheta.copy_(tensor(new float[] { 0.1f, -2f, 3f, 0.5f })); zinb.LogTheta.copy_(nb.LogTheta); }
        double[] thetas = Values(nb.LogTheta).Select(Math.Exp).ToArray();
        var zDecoded = cat([decoded, tensor(zl, [2, 4], ScalarType.Float64)], 1);
        var poisson = Values(new PoissonLikelihood().LogProb(x, decoded));
        var nbGot = Values(nb.LogProb(x, decoded));
        var zinbGot = Values(zinb.LogProb(x, zDecoded));
        for (int r = 0; r < 2; r++)
        {
            double lib = counts.Skip(4 * r).Take(4).Sum();
            var row = logits.Skip(4 * r).Take(4).ToArray();
            double max = row.Max(), z = row.Sum(v => Math.Exp(v - max));
            double ep = 0, enb = 0, ez = 0;
            for (int g = 0; g < 4; g++)
            {
                double mu = lib * Math.Exp(row[g] - max) / z;
                int xg = (int)counts[4 * r + g];
                ep += PoissonRef(xg, mu);
                enb += NbRef(xg, mu, thetas[g]);
                ez += ZinbRef(xg, mu, thetas[g], 1 / (1 + Math.Exp(-zl[4 * r + g])));
            }
            Assert.Equal(ep, poisson[r], 1e-9 * Math.Abs(ep));
            Assert.Equal(enb, nbGot[r], 1e-6 * Math.Abs(enb)); // θ is a float32 parameter
            Assert.Equal(ez, zinbGot[r], 1e-6 * Math.Abs(ez));
        }
    }

    [Fact]
    public void A_Leading_Sample_Dimension_Broadcasts_Against_The_Data()
    {
        using var scope = NewDisposeScope();
        var x = tensor(new float[] { 2, 0, 5, 1, 0, 0, 9, 3 }, [2, 4]);
        var decoded = randn(3, 2, 8, generator: new TorchSharp.torch.Generator(5));
        var lik = new ZeroInflatedNegativeBinomialLikelihood(4);
        var batched = lik.LogProb(x.unsqueeze(0), decoded);
        Assert.Equal([3L, 2L], batched.shape);
        for (int k = 0; k < 3; k++)
            Assert.True(batched[k].allclose(lik.LogProb(x, decoded[k]), rtol: 1e-6, atol: 1e-5));
    }

    [Fact]
    public void Float32_Decoder_Outputs_Give_Finite_Values_And_Gradients_For_Empty_Cells_And_Extreme_Logits()
    {
        using var scope = NewDisposeScope();
        var x = tensor(new float[] { 0, 0, 0, 0, 4000, 0, 1, 0 }, [2, 4]);
        foreach (Likelihood lik in new Likelihood[] { new PoissonLikelihood(), new NegativeBinomialLikelihood(4), new ZeroInflatedNegativeBinomialLikelihood(4) })
        {
            var decoded = tensor(new float[] { 80, -80, 0, 3, 60, -60, -90, 0, 1, 2, 3, 4, -50, 50, 0, 0 }.Take(8 * lik.ParamsPerValue).ToArray(), [2, 4 * lik.ParamsPerValue]).requires_grad_();
            var logp = lik.LogProb(x, decoded);
            Assert.Equal(ScalarType.Float32, logp.dtype);
            logp.sum().backward();
            Assert.True(logp.isfinite().all().item<bool>(), $"{lik.Kind}: {string.Join(", ", Values(logp))}");
            Assert.True(decoded.grad!.isfinite().all().item<bool>(), $"{lik.Kind}: gradient");
            Assert.True(Values(logp)[0] > -1e-6 || lik.Kind == LikelihoodKind.ZeroInflatedNegativeBinomial, $"{lik.Kind}: an empty cell has log p ≈ 0");
        }
    }

    [Fact]
    public void Samples_Have_The_Mean_And_Variance_Of_The_Distribution()
    {
        using var scope = NewDisposeScope();
        var gen = new TorchSharp.torch.Generator(11);
        var logits = tensor(new float[] { 0, 1, 2, -1 }).expand(20000, 4);
        var zinbDecoded = cat([logits, full(20000, 4, -1.0f)], 1);
        var nb = new NegativeBinomialLikelihood(4);
        var zinb = new ZeroInflatedNegativeBinomialLikelihood(4);
        using (no_grad()) { nb.LogTheta.fill_(Math.Log(2)); zinb.LogTheta.fill_(Math.Log(2)); }
        var library = tensor(500f);
        var rho = softmax(tensor(new double[] { 0, 1, 2, -1 }), 0);
        var mu = Values(rho * 500);
        var nbDraws = nb.Sample(logits, library, gen).to(ScalarType.Float64);
        var zDraws = zinb.Sample(zinbDecoded, library, gen).to(ScalarType.Float64);
        double keep = 1 / (1 + Math.Exp(-1));
        var nbMean = Values(nbDraws.mean([0])); var nbVar = Values(nbDraws.var(0));
        var zMean = Values(zDraws.mean([0]));
        for (int g = 0; g < 4; g++)
        {
            Assert.InRange(nbMean[g] / mu[g], 0.97, 1.03);
            Assert.InRange(nbVar[g] / (mu[g] + mu[g] * mu[g] / 2), 0.9, 1.1);
            Assert.InRange(zMean[g] / (keep * mu[g]), 0.96, 1.04);
        }
        Assert.True(Values(zinb.Mean(zinbDecoded[0], 500.0)).Zip(mu, (m, e) => Math.Abs(m / (keep * e) - 1)).All(r => r < 1e-5));
        Assert.True(Values(new PoissonLikelihood().Mean(logits[0])).Zip(mu, (m, e) => Math.Abs(m / (e * 20) - 1)).All(r => r < 1e-5), "Mean is at 10,000 counts");
    }

    [Fact]
    public void Count_Likelihoods_Reject_Non_Integer_And_Negative_Data_Naming_The_File()
    {
        var good = new Dataset("t", [0, 1, 2, 3], DataShape.Vector(2));
        var bad = new Dataset("t", [0, 1, 2.5f, 3], DataShape.Vector(2));
        var negative = new Dataset("t", [0, -1, 2, 3], DataShape.Vector(2));
        var config = new RunConfig
        {
            Model = Vae.Models.ModelOptions.MnistMlp with { Likelihood = LikelihoodKind.NegativeBinomial },
            Data = new DataOptions { Source = "csv:/data/cells.csv" },
        };
        Trainer.Resolve(config, new DataSplits(good, null, good));
        var e = Assert.Throws<VaeException>(() => Trainer.Resolve(config, new DataSplits(good, null, bad)));
        Assert.Contains("csv:/data/cells.csv", e.Message);
        Assert.Contains("example 2 of the test split, feature 1 is 2.5 (not an integer)", e.Message);
        e = Assert.Throws<VaeException>(() => Trainer.Resolve(config with { Model = config.Model with { Likelihood = LikelihoodKind.Poisson } }, new DataSplits(negative, null, good)));
        Assert.Contains("--likelihood poisson needs counts", e.Message);
        Assert.Contains("negative", e.Message);
    }

    [Theory]
    [InlineData("nb", LikelihoodKind.NegativeBinomial)]
    [InlineData("ZINB", LikelihoodKind.ZeroInflatedNegativeBinomial)]
    [InlineData("poisson", LikelihoodKind.Poisson)]
    [InlineData("negative-binomial", LikelihoodKind.NegativeBinomial)]
    [InlineData("zero-inflated-negative-binomial", LikelihoodKind.ZeroInflatedNegativeBinomial)]
    public void The_Command_Line_Accepts_Short_Count_Likelihood_Names(string text, LikelihoodKind kind) =>
        Assert.Equal(kind, Vae.Cli.Names.Parse<LikelihoodKind>(text, "--likelihood"));

    [Fact]
    public void A_Model_With_A_Zinb_Likelihood_Has_Two_Decoder_Outputs_Per_Gene_And_Trains_Its_Dispersion()
    {
        using var scope = NewDisposeScope();
        var options = Vae.Models.ModelOptions.MnistMlp with { Input = DataShape.Vector(6), Network = new Vae.Models.MlpNetwork { Hidden = [8] }, Latent = 2, Likelihood = LikelihoodKind.ZeroInflatedNegativeBinomial };
        using var model = new Vae.Models.VaeModel(options, seed: 3);
        var x = tensor(new float[] { 0, 3, 1, 0, 9, 2, 1, 0, 0, 5, 0, 7 }, [2, 6]);
        Assert.Equal([2L, 12L], model.Decode(model.Encode(x).Mean).shape);
        var terms = model.Terms(x, new TorchSharp.torch.Generator(1));
        terms.LogLikelihood.sum().backward();
        var logTheta = ((ZeroInflatedNegativeBinomialLikelihood)model.Likelihood).LogTheta;
        Assert.True(logTheta.grad!.abs().sum().item<float>() > 0);
        Assert.Contains(model.named_parameters(), p => p.name.EndsWith("log_theta"));
    }
}
