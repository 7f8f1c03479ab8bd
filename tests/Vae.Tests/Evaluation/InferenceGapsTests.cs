using Vae.Data;
using Vae.Distributions;
using Vae.Evaluation;
using Vae.Models;
using Vae.Runs;
using Vae.Tests.Models;
using Vae.Training;
using static TorchSharp.torch;

namespace Vae.Tests.Evaluation;

public class InferenceGapsTests
{
    static (VaeModel Model, Dataset Test) TrainedLinear(PosteriorKind posterior, TempDir tmp)
    {
        var (rows, _, _, _) = FactorAnalysisTests.Sample(3000, seed: 7);
        var data = new Dataset("factor", rows, DataShape.Vector(8));
        var splits = new DataSplits(data.Take(2500), null, data.Subset(Enumerable.Range(2500, 40).ToArray()));
        var config = new RunConfig
        {
            Model = TestModels.Linear(8, 2) with { Posterior = posterior },
            Data = new DataOptions { Source = "csv:unused", ValidationSize = 0 },
            Training = TrainingOptions.Default with { Epochs = 3, BatchSize = 64, LearningRate = 0.01 },
        };
        using (var t = Trainer.Start(config, tmp.File("m"), CPU, data: splits)) t.Run();
        var loaded = ModelFolder.Load(tmp.File("m"), CPU);
        return (loaded.Model, splits.Test);
    }

    [Fact]
    public void For_A_Linear_Vae_Elbo_Below_Optimised_Elbo_Below_Exact_Log_Likelihood_On_Every_Example()
    {
        using var tmp = new TempDir();
        var (model, test) = TrainedLinear(PosteriorKind.Diagonal, tmp);
        var r = InferenceGaps.Measure(model, test, CPU, new GapOptions { Steps = 400, LearningRate = 0.05 });
        Assert.True(r.Exact);
        for (int i = 0; i < r.N; i++)
        {
            Assert.True(r.Elbo[i] <= r.ElboOptimal[i] + 1e-6, $"example {i}: L[q] {r.Elbo[i]} > L[q*] {r.ElboOptimal[i]}");
            Assert.True(r.ElboOptimal[i] <= r.LogLikelihood[i] + 1e-6, $"example {i}: L[q*] {r.ElboOptimal[i]} > log p(x) {r.LogLikelihood[i]}");
        }

        // The optimum of the diagonal family is known in closed form: μ* = Λ⁻¹ Wᵀ Ψ⁻¹ (x − b), σ*² = 1 / diag Λ, Λ = I + Wᵀ Ψ⁻¹ W.
        using var scope = NewDisposeScope();
        var (w, b, psi) = LinearGaussianMarginal.Parameters(model);
        w = w.to(ScalarType.Float64); b = b.to(ScalarType.Float64);
        var psiInv = (1.0 / psi).expand(8);
        var lambda = eye(2, dtype: ScalarType.Float64) + w.T.matmul(w * psiInv.unsqueeze(1));
        var x = test.ToTensor(CPU).to(ScalarType.Float64);
        var mu = linalg.solve(lambda, ((x - b) * psiInv).matmul(w).T).T;
        var logvar = (1.0 / lambda.diagonal()).log().unsqueeze(0).expand_as(mu);
        var q = new DiagonalGaussian(mu, logvar);
        var optimum = LinearGaussianMarginal.ExpectedLogLikelihood(model, x, q) - q.KlToStandardNormal();
        for (int i = 0; i < r.N; i++) Assert.Equal(optimum[i].item<double>(), r.ElboOptimal[i], 3);
        Assert.True(r.ApproximationGap > 0.001, "a diagonal posterior cannot match a correlated true posterior");
    }

    [Fact]
    public void A_Full_Covariance_Posterior_Closes_The_Approximation_Gap_Of_A_Linear_Gaussian_Model()
    {
        using var tmp = new TempDir();
        var (model, test) = TrainedLinear(PosteriorKind.FullCovariance, tmp);
        var r = InferenceGaps.Measure(model, test, CPU, new GapOptions { Steps = 600, LearningRate = 0.05 });
        Assert.True(Math.Abs(r.ApproximationGap) < 0.01, $"approximation gap {r.ApproximationGap}");
    }

    [Fact]
    public void Exact_Expected_Log_Likelihood_Matches_Monte_Carlo()
    {
        using var scope = NewDisposeScope();
        using var model = new VaeModel(TestModels.Linear(6, 3) with { Posterior = PosteriorKind.FullCovariance }, seed: 3);
        var x = Fixtures.Uniform(4, DataShape.Vector(6), seed: 2).ToTensor(CPU);
        var q = model.Encode(x);
        var exact = LinearGaussianMarginal.ExpectedLogLikelihood(model, x, q);
        using var g = new Generator(4);
        var z = q.Sample(200_000, g);
        var mc = model.Likelihood.LogProb(x.unsqueeze(0), model.DecodeSamples(z, x)).mean([0]);
        Assert.True(exact.allclose(mc, rtol: 0, atol: 0.02), $"{exact} vs {mc}");
    }
}
