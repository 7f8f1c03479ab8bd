using Vae.Data;
using Vae.Evaluation;
using Vae.Models;
using static TorchSharp.torch;

namespace Vae.Tests.Evaluation;

public class LatentDiagnosticsTests
{
    static Dataset Data() => Fixtures.Uniform(300, DataShape.Vector(16), seed: 3).Binarized(1);

    /// <summary>The encoder's output layer: rows 0..d−1 give μ, rows d..2d−1 log σ².</summary>
    static (Tensor Weight, Tensor Bias) Head(VaeModel model) =>
        (model.named_parameters().Single(p => p.name == "head.weight").parameter, model.named_parameters().Single(p => p.name == "head.bias").parameter);

    [Fact]
    public void Per_Dimension_Kl_Sums_To_The_Total_Kl()
    {
        using var model = new VaeModel(TestModels.SmallMlp(latent: 5), seed: 2);
        var data = Data();
        var r = LatentDiagnostics.Measure(model, data, CPU);
        var elbo = ElboEstimator.Estimate(model, data, CPU);
        Assert.Equal(elbo.Kl, r.KlTotal, 4);
        Assert.Equal(5, r.KlPerDim.Length);
        for (int j = 0; j < 5; j++) Assert.Equal(elbo.KlPerDim[j], r.KlPerDim[j], 4);
    }

    [Fact]
    public void A_Model_Whose_Encoder_Ignores_X_Is_Diagnosed_Collapsed()
    {
        using var model = new VaeModel(TestModels.SmallMlp(latent: 4), seed: 2);
        using (no_grad())
            foreach (var (name, p) in model.named_parameters())
                if (name.StartsWith("head.")) p.zero_();   // μ = 0, log σ² = 0 for every x: q(z|x) = p(z)
        var r = LatentDiagnostics.Measure(model, Data(), CPU);
        Assert.Equal(CollapseVerdict.Collapsed, r.Verdict);
        Assert.Empty(r.ActiveByKl);
        Assert.Empty(r.ActiveByVariance);
        Assert.True(Math.Abs(r.MutualInformation) < 0.02, $"I(x;z) = {r.MutualInformation}");
        Assert.All(r.KlPerDim, kl => Assert.Equal(0, kl, 9));
    }

    [Fact]
    public void Kl_Spent_On_A_Posterior_That_Is_The_Same_For_Every_X_Is_Diagnosed_Collapsed()
    {
        // μ = 0.5 and log σ² = −4 for every x: each dimension pays ½(0.25 + e⁻⁴ − 1 + 4) ≈ 1.63 nats of KL,
        // and z says nothing about x (the capacity objective's failure in docs/results/disentanglement-sweep.md).
        using var model = new VaeModel(TestModels.SmallMlp(latent: 4), seed: 2);
        using (no_grad())
        {
            var (head, bias) = Head(model);
            head.zero_();
            for (int j = 0; j < 4; j++) { bias[j].fill_(0.5f); bias[4 + j].fill_(-4f); }
        }
        var r = LatentDiagnostics.Measure(model, Data(), CPU);
        double expected = 0.5 * (0.25 + Math.Exp(-4) - 1 + 4);
        Assert.All(r.KlPerDim, kl => Assert.Equal(expected, kl, 4));
        Assert.Equal(4, r.ActiveByKl.Length);
        Assert.Empty(r.ActiveByVariance);
        Assert.Equal([0, 1, 2, 3], r.Uninformative);
        Assert.True(r.KlWithoutInformation);
        Assert.Equal(CollapseVerdict.Collapsed, r.Verdict);
        Assert.Contains(r.Reasons(), s => s.StartsWith("Posterior collapse in information", StringComparison.Ordinal));
    }

    [Fact]
    public void One_Dimension_Paying_Kl_Without_Information_Makes_An_Informative_Code_Partially_Collapsed()
    {
        using var model = new VaeModel(TestModels.SmallMlp(latent: 4), seed: 2);
        using (no_grad())
        {
            var (head, bias) = Head(model);
            head.mul_(20);
            for (int j = 0; j < 4; j++) bias[4 + j].fill_(-6f);
            head[3].zero_(); head[7].zero_(); bias[3].fill_(0.5f); bias[7].fill_(-4f);   // dimension 4: constant, narrow
        }
        var r = LatentDiagnostics.Measure(model, Data(), CPU);
        Assert.Equal([3], r.Uninformative);
        Assert.Empty(r.Dead);
        Assert.False(r.KlWithoutInformation);
        Assert.Equal(CollapseVerdict.PartiallyCollapsed, r.Verdict);
        Assert.Contains(r.Reasons(), s => s.Contains("whose mean hardly moves with x") && s.Contains(": 4 (1-based)"));
    }

    [Fact]
    public void Dead_Dimensions_Are_Listed_And_An_Informative_Code_Has_Large_Mutual_Information()
    {
        using var model = new VaeModel(TestModels.SmallMlp(latent: 4), seed: 2);
        using (no_grad())
        {
            var (head, bias) = Head(model);
            head.mul_(20);                                    // informative μ for the live dimensions
            foreach (int j in new[] { 1, 3 })
            {
                head[j].zero_(); head[4 + j].zero_(); bias[j].zero_(); bias[4 + j].zero_();
            }
            for (int j = 0; j < 4; j += 2) bias[4 + j].fill_(-6f); // small σ for the live ones
        }
        var r = LatentDiagnostics.Measure(model, Data(), CPU);
        Assert.Equal(CollapseVerdict.PartiallyCollapsed, r.Verdict);
        Assert.Equal([1, 3], r.Dead);
        Assert.Equal([0, 2], r.ActiveByKl);
        Assert.True(r.MutualInformation > 3, $"I(x;z) = {r.MutualInformation}");
        Assert.True(r.MutualInformation <= Math.Log(300) + 0.01, "the estimator is bounded by log N");
        Assert.Contains(r.Reasons(), s => s.Contains("Unused (dead) dimensions: 2, 4"));
    }

    [Fact]
    public void Mutual_Information_Of_A_Gaussian_Channel_Matches_Its_Closed_Form()
    {
        // x ~ N(0, 1) encoded as μ = x, σ = s: then q(z) = N(0, 1 + s²) and I(x; z) = ½ log(1 + 1/s²).
        int n = 4000;
        double s = 0.5;
        var rng = new Random(1);
        var mean = Enumerable.Range(0, n).Select(_ => (float)(Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble()))).ToArray();
        var std = Enumerable.Repeat((float)s, n).ToArray();
        double mi = LatentDiagnostics.MutualInformation(mean, std, n, 1, n, CPU, seed: 2);
        Assert.Equal(0.5 * Math.Log(1 + 1 / (s * s)), mi, 1);
    }
}
