using TorchSharp;
using Vae.Data;
using Vae.Distributions;
using Vae.Evaluation;
using Vae.Models;
using Vae.Runs;
using Vae.Training;
using static TorchSharp.torch;

namespace Vae.Tests.Applications.SingleCell;

/// <summary>
/// The latent library size (scVI): the closed-form KL of q(l|x) to the per-batch log-normal prior, the prior fitted
/// to the training data, and the importance-sampled log p(x) that integrates over l as well as z.
/// </summary>
public class LatentLibraryTests
{
    static ModelOptions LibraryModel(int genes, int latent, int conditions, double[] mean, double[] variance,
        LikelihoodKind likelihood = LikelihoodKind.NegativeBinomial) => new()
    {
        Input = DataShape.Vector(genes),
        Network = new MlpNetwork { Hidden = [8] },
        Latent = latent,
        Likelihood = likelihood,
        InputTransform = InputTransform.Log1p,
        Conditions = conditions,
        LatentLibrary = new LatentLibraryOptions { LogMean = mean, LogVariance = variance },
    };

    static Tensor OneHot(int[] codes, int width)
    {
        var c = zeros(codes.Length, width);
        for (int i = 0; i < codes.Length; i++) c[i, codes[i]] = tensor(1f);
        return c;
    }

    static double[] Values(Tensor t) => t.to(ScalarType.Float64).cpu().data<double>().ToArray();

    // ½ (log v_p − log v_q + (v_q + (μ_q − μ_p)²) / v_p − 1), written out in doubles
    static double GaussianKl(double muQ, double varQ, double muP, double varP) =>
        0.5 * (Math.Log(varP) - Math.Log(varQ) + (varQ + (muQ - muP) * (muQ - muP)) / varP - 1);

    [Fact]
    public void KlTo_Equals_The_Closed_Form_And_A_Monte_Carlo_Estimate_For_Distant_Gaussians()
    {
        using var scope = NewDisposeScope();
        var q = new DiagonalGaussian(tensor(new[] { 1.3, -0.5 }).view(2, 1), tensor(new[] { Math.Log(0.16), Math.Log(2.0) }).view(2, 1));
        var p = new DiagonalGaussian(tensor(new[] { -0.2, 0.7 }).view(2, 1), tensor(new[] { Math.Log(2.89), Math.Log(0.3) }).view(2, 1));
        var kl = Values(q.KlTo(p));
        Assert.Equal(GaussianKl(1.3, 0.16, -0.2, 2.89), kl[0], 12);
        Assert.Equal(GaussianKl(-0.5, 2.0, 0.7, 0.3), kl[1], 12);
        using var g = new Generator(11);
        var l = q.Sample(400_000, g);                       // [K, 2, 1]
        var logRatio = q.LogProb(l) - p.LogProb(l);          // [K, 2]
        var mean = logRatio.mean([0]);
        var mc = Values(mean);
        var se = Values((logRatio - mean).square().mean([0]).sqrt() / Math.Sqrt(400_000));
        for (int i = 0; i < 2; i++) Assert.True(Math.Abs(mc[i] - kl[i]) < 4 * se[i], $"MC {mc[i]} ± {se[i]} vs closed form {kl[i]}");
    }

    [Fact]
    public void The_Library_Kl_Of_A_Model_Is_The_Gaussian_Kl_To_The_Prior_Of_Each_Cells_Batch()
    {
        double[] mean = [6.0, 7.5], variance = [0.2, 0.5];
        using var model = new VaeModel(LibraryModel(genes: 10, latent: 2, conditions: 2, mean, variance), seed: 3);
        model.eval();
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        using var g = new Generator(5);
        int[] batches = [0, 1, 1, 0, 1, 0];
        var batch = new Batch(poisson(full(6, 10, 30f), g), OneHot(batches, 2));
        var terms = model.Terms(batch, g);
        var (_, q) = model.EncodeWithLibrary(batch);
        var mu = Values(q!.Mean);
        var logVar = Values(q.LogVariance!);
        var libraryKl = Values(terms.LibraryKl!);
        var priorMean = Values(model.LibraryPrior(batch).Mean);
        var priorLogVar = Values(model.LibraryPrior(batch).LogVariance!);
        for (int i = 0; i < batches.Length; i++)
        {
            Assert.Equal(mean[batches[i]], priorMean[i], 5);
            Assert.Equal(Math.Log(variance[batches[i]]), priorLogVar[i], 5);
            double expected = GaussianKl(mu[i], Math.Exp(logVar[i]), mean[batches[i]], variance[batches[i]]);
            Assert.True(Math.Abs(expected - libraryKl[i]) < 1e-4 * (1 + expected), $"cell {i}: {libraryKl[i]} vs {expected}");
        }
        // the ELBO subtracts both KLs; Kl is that of z alone
        var elbo = Values(terms.Elbo);
        var ll = Values(terms.LogLikelihood);
        var klZ = Values(terms.Kl);
        for (int i = 0; i < batches.Length; i++) Assert.Equal(ll[i] - klZ[i] - libraryKl[i], elbo[i], 3);
    }

    [Fact]
    public void The_Poisson_Log_Probability_At_A_Given_Library_Size_Is_The_Scalar_Formula()
    {
        using var scope = NewDisposeScope();
        var likelihood = new PoissonLikelihood();
        double[,] logits = { { 0.3, -1.0, 2.0 }, { 0.0, 0.5, -0.4 } };
        double[,] x = { { 3, 0, 12 }, { 1, 7, 2 } };
        double[] logLibrary = [Math.Log(20), Math.Log(3.5)];
        var xs = tensor(x.Cast<double>().ToArray()).view(2, 3).to(ScalarType.Float32);
        var decoded = tensor(logits.Cast<double>().ToArray()).view(2, 3).to(ScalarType.Float32);
        var actual = Values(likelihood.LogProb(xs, decoded, tensor(logLibrary).view(2, 1)));
        for (int i = 0; i < 2; i++)
        {
            double norm = Enumerable.Range(0, 3).Sum(j => Math.Exp(logits[i, j]));
            double expected = 0;
            for (int j = 0; j < 3; j++)
            {
                double mu = Math.Exp(logLibrary[i]) * Math.Exp(logits[i, j]) / norm;
                double logFactorial = Enumerable.Range(1, (int)x[i, j]).Sum(k => Math.Log(k));
                expected += x[i, j] * Math.Log(mu) - mu - logFactorial;
            }
            Assert.Equal(expected, actual[i], 4);
        }
        // at the observed total the three-argument form is the two-argument one
        var observed = likelihood.LogProb(xs, decoded);
        var atTotal = likelihood.LogProb(xs, decoded, CountLikelihood.ObservedLogLibrary(xs));
        Assert.True(observed.equal(atTotal).all().item<bool>());
    }

    // 6 cells × 3 genes in 2 batches; cell 1 has no counts (left out of the prior)
    static Dataset SmallCounts(bool withBatches)
    {
        float[] counts = [1, 2, 3, 0, 0, 0, 4, 4, 2, 5, 0, 0, 10, 10, 0, 7, 0, 1];
        float[]? conditions = withBatches ? [1, 0, 1, 0, 1, 0, 0, 1, 0, 1, 0, 1] : null;
        return new Dataset("small", counts, DataShape.Vector(3), null, null, conditions, withBatches ? 2 : 0);
    }

    static RunConfig Resolve(Dataset train, LikelihoodKind likelihood = LikelihoodKind.NegativeBinomial) =>
        Trainer.Resolve(new RunConfig
        {
            Model = new ModelOptions { Network = new MlpNetwork { Hidden = [4] }, Latent = 2, Likelihood = likelihood, LatentLibrary = new LatentLibraryOptions() },
            Data = new DataOptions { Source = "counts:small.csv", Binarize = BinarizeMode.None },
        }, new DataSplits(train, null, train));

    static (double Mean, double Variance) MeanAndVariance(params double[] totals)
    {
        var logs = totals.Select(t => Math.Log(t)).ToArray();
        double m = logs.Average();
        return (m, logs.Sum(l => (l - m) * (l - m)) / logs.Length);
    }

    [Fact]
    public void The_Prior_Is_The_Per_Batch_Mean_And_Variance_Of_The_Log_Totals()
    {
        var model = Resolve(SmallCounts(withBatches: true)).Model;
        var (m0, v0) = MeanAndVariance(6, 10);          // batch 0: totals 6, (0: left out), 10
        var (m1, v1) = MeanAndVariance(5, 20, 8);       // batch 1
        Assert.Equal(Math.Log(Math.Sqrt(60)), m0, 12);
        Assert.Equal(Math.Pow(Math.Log(10.0 / 6) / 2, 2), v0, 12);
        Assert.Equal(2, model.LatentLibrary!.LogMean!.Length);
        Assert.Equal(m0, model.LatentLibrary!.LogMean[0], 12);
        Assert.Equal(m1, model.LatentLibrary!.LogMean[1], 12);
        Assert.Equal(v0, model.LatentLibrary!.LogVariance![0], 12);
        Assert.Equal(v1, model.LatentLibrary!.LogVariance[1], 12);

        var global = Resolve(SmallCounts(withBatches: false)).Model;
        var (m, v) = MeanAndVariance(6, 10, 5, 20, 8);
        Assert.Equal(m, Assert.Single(global.LatentLibrary!.LogMean!), 12);
        Assert.Equal(v, Assert.Single(global.LatentLibrary!.LogVariance!), 12);
    }

    [Fact]
    public void The_Prior_Rejects_A_Batch_Without_Counts_And_Conditions_That_Are_Not_One_Hot()
    {
        float[] counts = [1, 2, 3, 0, 0, 0];
        var empty = new Dataset("empty", counts, DataShape.Vector(3), null, null, [1, 0, 0, 1], 2);
        Assert.Contains("batch 2", Assert.Throws<VaeException>(() => Resolve(empty)).Message);
        var soft = new Dataset("soft", counts, DataShape.Vector(3), null, null, [0.5f, 0.5f, 0, 1], 2);
        Assert.Contains("one-hot", Assert.Throws<VaeException>(() => Resolve(soft)).Message);
        Assert.Contains("count likelihood", Assert.Throws<VaeException>(() => Resolve(SmallCounts(true), LikelihoodKind.Gaussian)).Message);
    }

    // A model with z of dimension 1 and no batches, so that p(x) = ∫∫ p(x|z, e^l) p(z) p(l) dz dl is a 2-D integral.
    static VaeModel TinyModel() =>
        new(LibraryModel(genes: 4, latent: 1, conditions: 0, [Math.Log(40)], [0.3]), seed: 5);

    // The tiny model with proposals that do not depend on x and are wider than the priors, q(z) = N(0.3, 1.3²) and
    // q(l) = N(m − 0.2, (1.3 s)²), so that importance sampling converges fast; p/q is not 1, so every term counts.
    static VaeModel TinyModelWithWideProposals()
    {
        var model = TinyModel();
        var parameters = model.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        using var noGrad = no_grad();
        foreach (var name in new[] { "head.weight", "libraryHead.weight" }) parameters[name].zero_();
        parameters["head.bias"].copy_(tensor(new[] { 0.3f, (float)Math.Log(1.69) }));
        parameters["libraryHead.bias"].copy_(tensor(new[] { -0.2f, (float)Math.Log(1.69) }));
        return model;
    }

    static Dataset TinyCells() =>
        new("tiny", [12, 8, 15, 5, 30, 2, 3, 10, 0, 5, 20, 8, 1, 1, 60, 2], DataShape.Vector(4));

    // log p(x) of each cell by the midpoint rule on a grid of z in [−8, 8] and l in m ± 8 s.
    static double[] Quadrature(VaeModel model, Dataset cells)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        model.eval();
        double m = model.Options.LatentLibrary!.LogMean![0], s = Math.Sqrt(model.Options.LatentLibrary!.LogVariance![0]);
        const int nz = 801, nl = 801;
        double dz = 16.0 / nz, dl = 16 * s / nl;
        var z = (arange(nz, dtype: ScalarType.Float64) * dz - 8 + dz / 2).view(nz, 1);          // [Z, 1]
        var l = (arange(nl, dtype: ScalarType.Float64) * dl + m - 8 * s + dl / 2).view(1, nl, 1); // [1, L, 1]
        var decoded = model.Decode(z.to(ScalarType.Float32)).unsqueeze(1);                       // [Z, 1, D]
        var logPrior = (-0.5 * (z.square() + Math.Log(2 * Math.PI)))                               // [Z, 1]
            + (-0.5 * ((l.squeeze(-1) - m).square() / (s * s) + Math.Log(2 * Math.PI * s * s)));  // [1, L]
        var result = new double[cells.Count];
        for (int i = 0; i < cells.Count; i++)
        {
            using var cell = NewDisposeScope();   // a cell's [Z, L, D] temporaries are freed before the next (60 cells would hold ~15 GB)
            var x = tensor(cells.Row(i).ToArray()).view(1, 1, -1);
            var logJoint = ((CountLikelihood)model.Likelihood).LogProb(x, decoded, l).to(ScalarType.Float64) + logPrior;   // [Z, L]
            result[i] = logJoint.flatten().logsumexp(dim: 0).item<double>() + Math.Log(dz * dl);
        }
        return result;
    }

    [Fact]
    public void The_Importance_Sampled_Log_Px_Matches_Quadrature_Over_Z_And_The_Log_Library()
    {
        using var model = TinyModelWithWideProposals();
        var cells = TinyCells();
        var exact = Quadrature(model, cells);
        var estimate = MarginalLikelihood.Estimate(model, cells, CPU, k: 200_000, seed: 1);
        for (int i = 0; i < cells.Count; i++)
            Assert.True(Math.Abs(exact[i] - estimate[i]) < 0.005, $"cell {i}: IS {estimate[i]:F4} vs quadrature {exact[i]:F4}");
        // the ELBO is below, by more than the tolerance (q is not the posterior), and it includes the library's KL
        var elbo = ElboEstimator.Estimate(model, cells, CPU);
        Assert.True(elbo.KlLibrary > 0.01, $"library KL {elbo.KlLibrary}");
        Assert.True(elbo.Elbo < exact.Average() - 0.05, $"ELBO {elbo.Elbo:F4} vs log p(x) {exact.Average():F4}");
    }

    [Fact]
    public void The_Importance_Sampled_Log_Px_Is_Above_The_Elbo_And_Grows_With_K()
    {
        using var model = TinyModel();
        using var g = new Generator(9);
        var rows = poisson(full(60, 4, 10f), g).data<float>().ToArray();
        var cells = new Dataset("cells", rows, DataShape.Vector(4));
        var elbo = ElboEstimator.Estimate(model, cells, CPU, seed: 2);
        double[] means = [.. new[] { 1, 10, 1000 }.Select(k => MarginalLikelihood.Estimate(model, cells, CPU, k, seed: 3).Average())];
        Assert.True(Math.Abs(means[0] - elbo.Elbo) < 0.15 * Math.Abs(elbo.Elbo), $"K = 1 ({means[0]:F3}) is the ELBO ({elbo.Elbo:F3}) in expectation");
        Assert.True(elbo.Elbo < means[1] && means[0] < means[1] && means[1] < means[2], $"ELBO {elbo.Elbo:F3}, L_1 {means[0]:F3}, L_10 {means[1]:F3}, L_1000 {means[2]:F3}");
        double exact = Quadrature(model, cells).Average();
        Assert.True(means[2] <= exact + 0.01 && exact - means[2] < means[2] - elbo.Elbo, $"L_1000 {means[2]:F3} vs log p(x) {exact:F3}");
    }
}
