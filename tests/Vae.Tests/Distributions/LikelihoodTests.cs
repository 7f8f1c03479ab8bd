using Vae.Distributions;
using static TorchSharp.torch;

namespace Vae.Tests.Distributions;

public class LikelihoodTests
{
    [Fact]
    public void Bernoulli_LogProb_Matches_x_Log_p_Plus_1_Minus_x_Log_1_Minus_p()
    {
        using var scope = NewDisposeScope();
        var logits = tensor(new[] { 2.0, -1.0, 0.0, 30.0 });
        var x = tensor(new[] { 1.0, 0.0, 1.0, 0.0 });
        double expected = 0;
        double[] l = [2, -1, 0, 30], xs = [1, 0, 1, 0];
        for (int i = 0; i < 4; i++)
        {
            double p = 1 / (1 + Math.Exp(-l[i]));
            // log(1 − p) for large logits written stably: −softplus(l)
            expected += xs[i] == 1 ? Math.Log(p) : -(l[i] + Math.Log(1 + Math.Exp(-l[i])));
        }
        Assert.Equal(expected, new BernoulliLikelihood().LogProb(x, logits).item<double>(), 9);
    }

    [Fact]
    public void Gaussian_With_Fixed_Sigma_Uses_The_Full_Log_Density()
    {
        using var scope = NewDisposeScope();
        var lik = new GaussianLikelihood(LikelihoodKind.Gaussian, 3, sigma: 0.5, sigmaFloor: 0);
        var mean = tensor(new[] { 0.0f, 1.0f, -1.0f });
        var x = tensor(new[] { 0.5f, 1.0f, 0.0f });
        double expected = 0;
        foreach (var d in new[] { 0.5, 0.0, 1.0 }) expected += -0.5 * Math.Log(2 * Math.PI * 0.25) - d * d / (2 * 0.25);
        Assert.Equal(expected, lik.LogProb(x, mean).item<float>(), 4);
    }

    [Fact]
    public void Learned_Sigma_Starts_At_Its_Initial_Value_And_Never_Goes_Below_The_Floor()
    {
        using var scope = NewDisposeScope();
        var lik = new GaussianLikelihood(LikelihoodKind.GaussianLearned, 4, sigma: 0.3, sigmaFloor: 0.05);
        Assert.Equal(0.3, lik.Sigma()[0], 5);
        using (no_grad()) foreach (var p in lik.parameters()) p.fill_(-1000f);
        Assert.Equal(0.05, lik.Sigma()[0], 6);
        var perFeature = new GaussianLikelihood(LikelihoodKind.GaussianPerFeature, 4, sigma: 1.0, sigmaFloor: 0.01);
        Assert.Equal(4, perFeature.Sigma().Length);
    }

    [Fact]
    public void Optimal_Sigma_Is_The_Root_Mean_Squared_Error_In_Training()
    {
        using var scope = NewDisposeScope();
        var lik = new GaussianLikelihood(LikelihoodKind.GaussianOptimal, 4, sigma: 1.0, sigmaFloor: 1e-3);
        lik.train();
        var mean = zeros(2, 4);
        var x = tensor(new float[] { 0.1f, -0.2f, 0.3f, 0.0f, 0.2f, 0.1f, -0.1f, 0.2f }, [2, 4]);
        double mse = new[] { 0.01, 0.04, 0.09, 0, 0.04, 0.01, 0.01, 0.04 }.Average();
        double expectedPerExample = 4 * (-0.5 * Math.Log(2 * Math.PI * mse)) - 0.5 * 4 * 1.0; // Σ(x−μ)²/(2σ²) = n/2 at σ² = MSE, averaged over both rows
        var logp = lik.LogProb(x, mean);
        Assert.Equal(2 * expectedPerExample, logp.sum().item<float>(), 3);
    }

    [Fact]
    public void Unfloored_Learned_Sigma_Lets_The_Objective_Grow_Without_Bound_On_Perfect_Reconstructions()
    {
        using var scope = NewDisposeScope();
        // Data reconstructed exactly: log p(x|z) = −D (½ log 2π + log σ) → ∞ as σ → 0.
        var x = ones(8, 5);
        var unbounded = new GaussianLikelihood(LikelihoodKind.GaussianLearned, 5, sigma: 1.0, sigmaFloor: 0);
        var floored = new GaussianLikelihood(LikelihoodKind.GaussianLearned, 5, sigma: 1.0, sigmaFloor: 0.01);
        double[] Run(GaussianLikelihood lik)
        {
            var opt = optim.Adam(lik.parameters(), lr: 0.2);
            var values = new List<double>();
            for (int i = 0; i < 100; i++)
            {
                opt.zero_grad();
                var loss = -lik.LogProb(x, x.clone()).mean();
                loss.backward();
                opt.step();
                values.Add(-loss.item<float>());
            }
            return values.ToArray();
        }
        var u = Run(unbounded);
        var f = Run(floored);
        double ceiling = -5 * (0.5 * Math.Log(2 * Math.PI) + Math.Log(0.01));
        Assert.True(u[^1] > ceiling + 20, $"unbounded objective {u[^1]} should pass the floored ceiling {ceiling} by far");
        Assert.True(u[^1] > u[50] + 10, "unbounded objective keeps rising");
        Assert.All(u, v => Assert.True(double.IsFinite(v)));
        Assert.InRange(f[^1], ceiling - 0.5, ceiling + 1e-3);
    }
}
