using Vae.Data;
using Vae.Evaluation;
using Vae.Models;
using Vae.Objectives;
using static TorchSharp.torch;

namespace Vae.Tests.Objectives;

public class ImportanceWeightedTests
{
    [Fact]
    public void Bound_Is_Above_The_Elbo_And_Does_Not_Decrease_With_K_On_Average()
    {
        using var scope = NewDisposeScope();
        using var model = new VaeModel(TestModels.SmallMlp(), seed: 3);
        model.eval();
        var data = Fixtures.Uniform(64, DataShape.Vector(16), seed: 1).Binarized(2);
        var x = data.ToTensor(CPU);
        using var g = new Generator(5);
        using var noGrad = no_grad();
        // Average each bound over 30 repetitions of 64 examples so sampling noise is far below the gaps.
        double Mean(int k) => Enumerable.Range(0, 30).Average(_ => ImportanceWeighted.Bound(model, x, k, 256, g).mean().item<float>());
        double l1 = Mean(1), l5 = Mean(5), l50 = Mean(50), l500 = Mean(300);
        double elbo = Enumerable.Range(0, 30).Average(_ => model.Terms(x, g).Elbo.mean().item<float>());
        Assert.True(Math.Abs(l1 - elbo) < 0.5, $"L_1 {l1} should equal the ELBO {elbo} in expectation");
        Assert.True(l5 > elbo && l50 > l5 && l500 > l50, $"ELBO {elbo}, L5 {l5}, L50 {l50}, L500 {l500} should rise");
    }

    [Fact]
    public void Bound_Converges_To_The_Exact_Log_Likelihood_Of_A_Linear_Gaussian_Model()
    {
        using var scope = NewDisposeScope();
        using var model = new VaeModel(TestModels.Linear(input: 6, latent: 2), seed: 4);
        var data = Fixtures.Uniform(40, DataShape.Vector(6), seed: 9);
        double[] exact = LinearGaussianMarginal.LogProb(model, data);
        double[] estimate = MarginalLikelihood.Estimate(model, data, CPU, k: 20000, seed: 1);
        double elbo = ElboEstimator.Estimate(model, data, CPU).Elbo;
        for (int i = 0; i < data.Count; i++)
        {
            Assert.True(Math.Abs(estimate[i] - exact[i]) < 0.05, $"example {i}: IS {estimate[i]} vs exact {exact[i]}");
            Assert.True(estimate[i] <= exact[i] + 0.05);
        }
        Assert.True(exact.Average() - elbo > 0.1, "an untrained encoder leaves a visible gap between ELBO and log p(x)");
    }

    [Fact]
    public void Bound_Is_The_Log_Mean_Exp_Of_The_Log_Weights()
    {
        using var scope = NewDisposeScope();
        using var model = new VaeModel(TestModels.SmallMlp(), seed: 3);
        var x = Fixtures.Uniform(8, DataShape.Vector(16)).Binarized(1).ToTensor(CPU);
        using var noGrad = no_grad();
        using var g1 = new Generator(42);
        using var g2 = new Generator(42);
        var q = model.Encode(x);
        var w = ImportanceWeighted.LogWeights(model, q, x, 300, g1);
        var expected = (w.logsumexp(dim: 0) - Math.Log(300)).to(ScalarType.Float64);
        var oneChunk = ImportanceWeighted.Bound(model, x, 300, 300, g2).to(ScalarType.Float64);
        Assert.True(expected.allclose(oneChunk, rtol: 1e-5, atol: 1e-4));
    }
}
