using System.Text.Json;
using TorchSharp;
using Vae.Data;
using Vae.Evaluation;
using Vae.IO;
using Vae.Models;
using static TorchSharp.torch;

namespace Vae.Tests.Models.Flows;

/// <summary>
/// A model with a flow posterior against the same model without one: with the flow set to the identity, the
/// importance-sampled log-likelihood is the base model's and the Monte Carlo KL agrees with the closed form; evaluations
/// that need log q at an arbitrary z refuse it; the options round-trip through config.json.
/// </summary>
public class FlowModelTests
{
    static readonly Device Cpu = CPU;

    static ModelOptions Base => TestModels.SmallMlp(input: 16, latent: 3);

    /// <summary>The model with <paramref name="flow"/>, set to the identity: planar with u, w, b = 0; IAF with σ = 1 (s ≫ 0) and no reversal (K = 1).</summary>
    static VaeModel Identity(PosteriorExtensionOptions flow)
    {
        var model = new VaeModel(Base with { PosteriorExtension = flow }, seed: 5);
        using var noGrad = no_grad();
        switch (model.Extension)
        {
            case PlanarFlow p:
                foreach (var t in p.Amortizer.parameters()) t.zero_();
                break;
            case InverseAutoregressiveFlow iaf:
                foreach (var made in iaf.Networks)
                {
                    var output = made.named_parameters().Where(x => x.name.StartsWith("output.", StringComparison.Ordinal)).ToDictionary(x => x.name, x => x.parameter);
                    output["output.weight"].zero_();
                    output["output.bias"].narrow(0, 0, 3).zero_();
                    output["output.bias"].narrow(0, 3, 3).fill_(40);     // σ = sigmoid(42) = 1 in float32
                }
                break;
        }
        return model;
    }

    public static TheoryData<PosteriorExtensionOptions> IdentityFlows => [new PlanarFlowOptions { Steps = 2 }, new IafOptions { Steps = 1, Hidden = 8 }];

    [Theory]
    [MemberData(nameof(IdentityFlows))]
    public void An_Identity_Flow_Gives_The_Base_Models_Likelihood_And_Elbo(PosteriorExtensionOptions flow)
    {
        var data = Fixtures.Uniform(400, DataShape.Vector(16), seed: 2);
        using var plain = new VaeModel(Base, seed: 5);
        using var flowed = Identity(flow);
        // The base model's weights are the flow model's (the extension is registered, and initialised, last).
        var baseWeights = plain.state_dict();
        foreach (var (name, p) in flowed.state_dict().Where(x => baseWeights.ContainsKey(x.Key)))
            Assert.True(p.equal(baseWeights[name]).all().item<bool>(), name);

        var a = MarginalLikelihood.Estimate(plain, data, Cpu, k: 64, seed: 3);
        var b = MarginalLikelihood.Estimate(flowed, data, Cpu, k: 64, seed: 3);
        for (int i = 0; i < a.Length; i++) Assert.Equal(a[i], b[i], 4);

        var e0 = ElboEstimator.Estimate(plain, data, Cpu, seed: 4);
        var e1 = ElboEstimator.Estimate(flowed, data, Cpu, seed: 4);
        Assert.Equal(e0.Reconstruction, e1.Reconstruction, 4);                 // the same draws of z
        Assert.InRange(e1.Kl - e0.Kl, -0.1, 0.1);                                // Monte Carlo KL (400 draws) vs closed form
        for (int j = 0; j < 3; j++) Assert.Equal(e0.KlPerDim[j], e1.KlPerDim[j], 4);   // the identity's linearised stand-in is q₀ itself
        Assert.True(e1.Elbo <= a.Average() + 0.05);
    }

    [Fact]
    public void The_Monte_Carlo_Kl_Of_An_Identity_Flow_Converges_To_The_Closed_Form()
    {
        using var flowed = Identity(new PlanarFlowOptions { Steps = 3 });
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var x = Fixtures.Uniform(8, DataShape.Vector(16), seed: 6).ToTensor(Cpu);
        var q = (FlowPosterior)flowed.Encode(new Batch(x));
        using var g = new Generator(9);
        var (z, logQ) = q.SampleWithLogProb(20000, g);
        var mc = (logQ - flowed.Prior.LogProb(z)).mean([0]);
        Assert.True(mc.allclose(q.Base.KlToStandardNormal(), rtol: 0, atol: 0.03), mc.ToString());
    }

    [Fact]
    public void Evaluations_That_Need_Log_Q_At_Any_Z_Refuse_A_Flow()
    {
        using var model = new VaeModel(Base with { PosteriorExtension = new PlanarFlowOptions() }, seed: 1);
        var x = Fixtures.Uniform(8, DataShape.Vector(16)).ToTensor(Cpu);
        var e = Assert.Throws<VaeException>(() => GradientEstimators.Compare(model, new Batch(x), repetitions: 2));
        Assert.Contains("flow", e.Message);
        using var scope = NewDisposeScope();
        var q = model.Encode(new Batch(x));
        Assert.Contains("own samples", Assert.Throws<VaeException>(() => q.LogProb(q.Mean)).Message);
        Assert.Throws<VaeException>(() => q.KlToStandardNormal());
    }

    [Theory]
    [MemberData(nameof(IdentityFlows))]
    public void Inference_Gaps_Of_A_Flow_Model_Are_Ordered(PosteriorExtensionOptions flow)
    {
        var data = Fixtures.Uniform(20, DataShape.Vector(16), seed: 7);
        using var model = new VaeModel(Base with { PosteriorExtension = flow }, seed: 2);
        var r = InferenceGaps.Measure(model, data, Cpu, new GapOptions { Steps = 30, Samples = 8, EvaluationSamples = 400, K = 2000, Seed = 1 });
        Assert.False(r.Exact);
        Assert.True(r.AmortizationGap > 0, $"L[q*] {r.MeanElboOptimal} vs L[q] {r.MeanElbo}");
        Assert.True(r.ApproximationGap > -0.05, $"log p(x) {r.MeanLogLikelihood} vs L[q*] {r.MeanElboOptimal}");
    }

    [Fact]
    public void Flow_Options_Round_Trip_Through_Config_Json()
    {
        foreach (var flow in new PosteriorExtensionOptions[] { new PlanarFlowOptions { Steps = 5 }, new IafOptions { Steps = 3, Hidden = 17 } })
        {
            var options = Base with { PosteriorExtension = flow };
            string json = JsonSerializer.Serialize(options, Json.Strict);
            var back = JsonSerializer.Deserialize<ModelOptions>(json, Json.Strict)!;
            Assert.Equal(flow, back.PosteriorExtension);
            Assert.Equal(json, JsonSerializer.Serialize(back, Json.Strict));
        }
        Assert.Contains("\"kind\": \"iaf\"", JsonSerializer.Serialize(Base with { PosteriorExtension = new IafOptions() }, Json.Strict));
    }

    [Fact]
    public void A_Flow_Needs_A_Diagonal_Gaussian_Posterior()
    {
        var full = Base with { Posterior = Vae.Distributions.PosteriorKind.FullCovariance, PosteriorExtension = new PlanarFlowOptions() };
        Assert.Contains("--posterior diagonal", Assert.Throws<VaeException>(() => new VaeModel(full, 1)).Message);
        var ae = Base with { Posterior = Vae.Distributions.PosteriorKind.PointMass, PosteriorExtension = new IafOptions() };
        Assert.Contains("autoencoder", Assert.Throws<VaeException>(() => new VaeModel(ae, 1)).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new PlanarFlowOptions { Steps = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new IafOptions { Hidden = 0 });
    }
}
