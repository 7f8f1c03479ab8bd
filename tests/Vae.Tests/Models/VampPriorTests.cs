using Vae.Distributions;
using Vae.Models;
using static TorchSharp.torch;

namespace Vae.Tests.Models;

/// <summary>The VampPrior: a mixture of the model's own posteriors at its pseudo-inputs.</summary>
public class VampPriorTests
{
    static ModelOptions Options(int k) => TestModels.SmallMlp(16, 3) with { Prior = new VampPriorOptions { Components = k } };

    static VampPrior Module(VaeModel model) => (VampPrior)model.PriorModule!;

    [Fact]
    public void With_One_Fixed_Pseudo_Input_The_Prior_Is_The_Posterior_At_It()
    {
        using var scope = NewDisposeScope();
        using var model = new VaeModel(Options(1), seed: 2);
        using var noGrad = no_grad();
        var u = rand([1, 16], generator: new Generator(4));
        Module(model).RawPseudoInputs.copy_(u);
        var z = 2 * randn([6, 3], generator: new Generator(5));
        var expected = model.Encode(u).LogProb(z);            // log q(z|u), broadcast over the 6 points
        var actual = model.Prior.LogProb(z);
        Assert.True(actual.allclose(expected, rtol: 1e-5, atol: 1e-4), $"{string.Join(", ", actual.data<float>().ToArray())} vs {string.Join(", ", expected.data<float>().ToArray())}");
    }

    [Fact]
    public void The_Prior_Is_The_Mean_Of_The_Posteriors_At_The_Clamped_Pseudo_Inputs()
    {
        using var scope = NewDisposeScope();
        using var model = new VaeModel(Options(4), seed: 3);
        using var noGrad = no_grad();
        var raw = 2 * rand([4, 16], generator: new Generator(6)) - 0.5;   // partly outside [0, 1]
        Module(model).RawPseudoInputs.copy_(raw);
        var u = Module(model).PseudoInputs;
        Assert.Equal(0.0, u.min().item<float>());
        Assert.Equal(1.0, u.max().item<float>());
        var z = randn([5, 3], generator: new Generator(7));
        var perComponent = stack(Enumerable.Range(0, 4).Select(k => model.Encode(raw.clamp(0, 1).narrow(0, k, 1)).LogProb(z)).ToArray());   // [4, 5]
        var expected = perComponent.to(ScalarType.Float64).logsumexp(0) - Math.Log(4);
        Assert.True(model.Prior.LogProb(z).to(ScalarType.Float64).allclose(expected, rtol: 1e-5, atol: 1e-4));
        Assert.IsType<GaussianMixturePrior>(model.Prior);
        Assert.False(model.HasStandardPrior);
    }

    [Fact]
    public void Pseudo_Inputs_Come_From_The_Seed_After_The_Other_Weights()
    {
        using var scope = NewDisposeScope();
        using var a = new VaeModel(Options(500), seed: 8);
        using var b = new VaeModel(Options(500), seed: 8);
        using var c = new VaeModel(Options(500), seed: 9);
        using var plain = new VaeModel(TestModels.SmallMlp(16, 3), seed: 8);
        var u = Module(a).RawPseudoInputs;
        Assert.True(u.equal(Module(b).RawPseudoInputs).all().item<bool>());
        Assert.False(u.equal(Module(c).RawPseudoInputs).all().item<bool>());
        Assert.InRange(u.mean().item<float>(), VampPrior.InitialMean - 0.001, VampPrior.InitialMean + 0.001);
        Assert.InRange(u.std().item<float>(), 0.0095, 0.0105);
        // the networks' initial weights are those of the same model without the VampPrior
        foreach (var ((name, p), (_, q)) in plain.named_parameters().Zip(a.named_parameters()))
            Assert.True(p.equal(q).all().item<bool>(), name);
    }

    [Fact]
    public void The_Elbo_Trains_The_Pseudo_Inputs_Through_The_Monte_Carlo_Kl()
    {
        using var scope = NewDisposeScope();
        using var model = new VaeModel(Options(5), seed: 4);
        var x = rand([8, 16], generator: new Generator(1));
        var terms = model.Terms(x, new Generator(2));
        var q = (DiagonalGaussian)terms.Posterior;
        using (no_grad())
        {
            var expected = q.LogProb(terms.Z) - model.Prior.LogProb(terms.Z);
            Assert.True(terms.Kl.allclose(expected, rtol: 1e-4, atol: 1e-4));
            Assert.True(terms.Kl.allclose(terms.KlPerDim.sum(-1), rtol: 1e-4, atol: 1e-4));
        }
        (-terms.Elbo.mean()).backward();
        var grad = Module(model).RawPseudoInputs.grad;
        Assert.NotNull(grad);
        Assert.True(grad!.abs().sum().item<float>() > 0);
    }

    [Fact]
    public void Prior_Samples_Come_From_The_Components()
    {
        using var scope = NewDisposeScope();
        using var model = new VaeModel(Options(2), seed: 5);
        using var noGrad = no_grad();
        var prior = (GaussianMixturePrior)model.Prior;
        var z = prior.Sample(50_000, 3, CPU, new Generator(3)).to(ScalarType.Float64);
        var m = prior.Means.to(ScalarType.Float64);
        var v = prior.LogVariances.to(ScalarType.Float64).exp();
        var mean = m.mean([0]);
        var variance = (v + m * m).mean([0]) - mean * mean;
        Assert.True(z.mean([0]).allclose(mean, atol: 5 * Math.Sqrt(variance.max().item<double>() / 50_000)));
        Assert.True(z.var([0]).allclose(variance, rtol: 0.03));
    }

    [Theory]
    [InlineData("gaussian", "--likelihood")]
    [InlineData("full", "--posterior diagonal")]
    [InlineData("ae", "needs a VAE")]
    public void The_VampPrior_Refuses_What_It_Cannot_Mix(string variant, string expected)
    {
        var options = variant switch
        {
            "gaussian" => Options(3) with { Likelihood = LikelihoodKind.GaussianLearned, Sigma = 1 },
            "full" => Options(3) with { Posterior = PosteriorKind.FullCovariance },
            _ => Options(3) with { Posterior = PosteriorKind.PointMass },
        };
        var e = Assert.Throws<VaeException>(() => new VaeModel(options, 1));
        Assert.Contains(expected, e.Message);
    }
}
