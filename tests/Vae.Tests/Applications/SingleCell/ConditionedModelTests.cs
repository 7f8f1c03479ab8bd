using TorchSharp;
using Vae.Distributions;
using Vae.Evaluation;
using Vae.Models;
using static TorchSharp.torch;

namespace Vae.Tests.Applications.SingleCell;

/// <summary>A count VAE with a batch covariate: where the conditions and the log1p transform go.</summary>
public class ConditionedModelTests
{
    static ModelOptions CountModel(int genes = 12, int conditions = 3, bool conditionEncoder = false, InputTransform transform = InputTransform.Log1p,
        LikelihoodKind likelihood = LikelihoodKind.NegativeBinomial) => new()
    {
        Input = DataShape.Vector(genes),
        Network = new MlpNetwork { Hidden = [16] },
        Latent = 4,
        Likelihood = likelihood,
        InputTransform = transform,
        Conditions = conditions,
        ConditionEncoder = conditionEncoder,
    };

    static Tensor Counts(int rows, int genes, int seed)
    {
        using var g = new Generator((ulong)seed);
        return poisson(full(rows, genes, 20f), g);
    }

    static Tensor OneHot(int rows, int width, int index)
    {
        var c = zeros(rows, width);
        c[TensorIndex.Colon, index] = tensor(1f);
        return c;
    }

    static Dictionary<string, long[]> Shapes(VaeModel model) => model.named_parameters().ToDictionary(p => p.name, p => p.parameter.shape);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_Model_With_C_Conditions_Has_The_Expected_Input_Widths(bool conditionEncoder)
    {
        using var model = new VaeModel(CountModel(genes: 12, conditions: 3, conditionEncoder: conditionEncoder), seed: 1);
        var shapes = Shapes(model);
        string all = string.Join("; ", shapes.Select(kv => $"{kv.Key} [{string.Join(",", kv.Value)}]"));
        Assert.True(shapes.ContainsKey("encoder.layers.0.weight") && shapes.ContainsKey("decoder.network.layers.0.weight"), all);
        Assert.Equal([16, conditionEncoder ? 12 + 3 : 12], shapes["encoder.layers.0.weight"]);
        Assert.Equal([16, 4 + 3], shapes["decoder.network.layers.0.weight"]);        // z and the one-hot batch
        Assert.Equal([12], shapes["likelihood.log_theta"]);                           // NB dispersion per gene
        Assert.Equal(7, model.Options.DecoderInputSize);
    }

    [Fact]
    public void Decoding_As_If_From_Another_Batch_Changes_The_Output_And_Uses_Only_The_Condition()
    {
        using var model = new VaeModel(CountModel(), seed: 2);
        model.eval();
        using var noGrad = no_grad();
        var x = Counts(5, 12, 3);
        var z = model.Encode(new Batch(x, OneHot(5, 3, 0))).Mean;
        var asBatch0 = model.Decode(z, new Batch(x, OneHot(5, 3, 0)));
        var asBatch1 = model.Decode(z, new Batch(x, OneHot(5, 3, 1)));
        Assert.True((asBatch0 - asBatch1).abs().max().item<float>() > 1e-4f, "the decoder's output depends on the batch");
        // the same condition gives the same output whatever x is (the decoder sees z and c only)
        var again = model.Decode(z, new Batch(Counts(5, 12, 99), OneHot(5, 3, 1)));
        Assert.True(asBatch1.allclose(again));
        // Generation.Decode with a condition row is the same decode
        var viaGeneration = Generation.Decode(model, z.data<float>().ToArray(), CPU, condition: [0f, 1f, 0f]);
        var expected = model.Likelihood.Mean(asBatch1).data<float>().ToArray();
        Assert.Equal(expected.Length, viaGeneration.Length);
        for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i], viaGeneration[i], 3);
        // and a conditioned model refuses to decode without conditions
        Assert.Throws<VaeException>(() => model.Decode(z, new Batch(x)));
    }

    [Fact]
    public void With_The_Condition_Encoder_The_Posterior_Depends_On_The_Batch_And_Without_It_Does_Not()
    {
        var x = Counts(4, 12, 5);
        foreach (bool conditionEncoder in new[] { false, true })
        {
            using var model = new VaeModel(CountModel(conditionEncoder: conditionEncoder), seed: 4);
            using var noGrad = no_grad();
            var m0 = model.Encode(new Batch(x, OneHot(4, 3, 0))).Mean;
            var m2 = model.Encode(new Batch(x, OneHot(4, 3, 2))).Mean;
            Assert.Equal(!conditionEncoder, m0.allclose(m2));
        }
    }

    [Fact]
    public void Log1p_Is_Applied_To_The_Encoder_Input_Only_And_The_Likelihood_Scores_Raw_Counts()
    {
        var x = Counts(6, 12, 7);
        var c = OneHot(6, 3, 1);
        using var withLog = new VaeModel(CountModel(transform: InputTransform.Log1p), seed: 5);
        using var plain = new VaeModel(CountModel(transform: InputTransform.None), seed: 5);   // the same weights (same seed)
        using var noGrad = no_grad();
        // encoder: μ(x) of the log1p model is μ(log1p x) of the plain one
        Assert.True(withLog.EncodeRaw(new Batch(x, c)).allclose(plain.EncodeRaw(new Batch(x.log1p(), c)), rtol: 1e-5, atol: 1e-6));
        Assert.False(withLog.EncodeRaw(new Batch(x, c)).allclose(plain.EncodeRaw(new Batch(x, c)), rtol: 1e-3, atol: 1e-4));
        // likelihood: log p(x|z) at the sampled z is that of the raw counts
        using var g = new Generator(11);
        var terms = withLog.Terms(new Batch(x, c), g);
        var raw = withLog.Likelihood.LogProb(x, withLog.Decode(terms.Z, new Batch(x, c)));
        var logged = withLog.Likelihood.LogProb(x.log1p(), withLog.Decode(terms.Z, new Batch(x, c)));
        Assert.True(terms.LogLikelihood.allclose(raw));
        Assert.False(terms.LogLikelihood.allclose(logged));
        // and it is the negative binomial of those counts, computed independently (lgamma form) at μ = ℓ ρ
        var nb = (NegativeBinomialLikelihood)withLog.Likelihood;
        var decoded = withLog.Decode(terms.Z, new Batch(x, c)).to(ScalarType.Float64);
        var mu = x.to(ScalarType.Float64).sum(-1, keepdim: true) * decoded.softmax(-1);
        var theta = nb.LogTheta.exp().to(ScalarType.Float64);
        var xd = x.to(ScalarType.Float64);
        var reference = (lgamma(xd + theta) - lgamma(theta) - lgamma(xd + 1) + theta * (theta / (theta + mu)).log() + xd * (mu / (theta + mu)).log()).sum(-1);
        Assert.True(terms.LogLikelihood.to(ScalarType.Float64).allclose(reference, rtol: 1e-5, atol: 1e-3));
    }
}
