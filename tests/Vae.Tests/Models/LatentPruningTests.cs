using Vae.Data;
using Vae.Evaluation;
using Vae.Models;
using Vae.Nn;
using static TorchSharp.torch;

namespace Vae.Tests.Models;

public class LatentPruningTests
{
    /// <summary>Zeroes everything that connects latent dimensions <paramref name="dead"/> to the data.</summary>
    static void Kill(VaeModel model, int[] dead)
    {
        int d = model.Latent;
        using var noGrad = no_grad();
        var named = model.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        foreach (int j in dead)
        {
            named["head.weight"][j].zero_(); named["head.weight"][d + j].zero_();
            named["head.bias"][j].zero_(); named["head.bias"][d + j].zero_();
        }
        foreach (var (name, p) in named)
        {
            if (name.StartsWith("head.") || p.dim() != 2) continue;
            long inputs = p.shape[1];
            long offset = inputs - model.Options.DecoderInputSize;
            if (offset < 0 || !name.Contains("decoder") && !name.Contains("z")) continue;
            foreach (int j in dead) p[.., offset + j].zero_();
        }
    }

    public static IEnumerable<object[]> Variants() =>
    [
        [TestModels.SmallMlp(latent: 6)],
        [TestModels.SmallMlp(latent: 6) with { Network = new MlpNetwork { ZInjection = ZInjection.EveryLayer, Hidden = [24, 16] } }],
        [TestModels.SmallMlp(latent: 6) with { Network = new MlpNetwork { ZInjection = ZInjection.Film, Hidden = [24, 16] } }],
        [ModelOptions.MnistConv with { Latent = 6, Network = new ConvNetwork { Hidden = [32] }, Input = DataShape.Image(1, 28, 28) }],
        [ModelOptions.MnistMlp with { Latent = 6, Network = new MlpNetwork { Hidden = [32] }, PixelCnn = new PixelCnnOptions { Features = 8, Layers = 1 } }],
    ];

    [Theory]
    [MemberData(nameof(Variants))]
    public void Known_Dead_Dimensions_Are_Exactly_The_Ones_Pruned_And_Outputs_Do_Not_Change(ModelOptions options)
    {
        using var model = new VaeModel(options, seed: 4);
        int[] dead = [1, 4];
        using (no_grad()) model.named_parameters().Single(p => p.name == "head.weight").parameter.mul_(30); // make the live dimensions informative
        Kill(model, dead);
        var data = Fixtures.Uniform(200, options.Input, seed: 5).Binarized(2);
        var report = LatentDiagnostics.Measure(model, data, CPU);
        Assert.Equal(dead, report.Dead);

        using var pruned = LatentPruning.Prune(model, report.ActiveByKl, seed: 4);
        Assert.Equal(4, pruned.Latent);
        model.eval(); pruned.eval();
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var x = data.Take(8).ToTensor(CPU);
        var zFull = model.Encode(x).Mean;
        var zPruned = pruned.Encode(x).Mean;
        Assert.True(zFull.index_select(1, tensor(new long[] { 0, 2, 3, 5 })).allclose(zPruned, atol: 1e-6));
        // Decoder outputs at the posterior means (the teacher-forced outputs for the autoregressive decoder).
        Assert.True(model.Decode(zFull, x).allclose(pruned.Decode(zPruned, x), atol: 1e-5));
    }

    [Fact]
    public void A_Property_Head_On_A_Conditioned_Model_Keeps_The_Columns_Of_The_Kept_Dimensions()
    {
        var options = TestModels.SmallMlp(latent: 5) with { Conditions = 2, PropertyHead = new PropertyHeadOptions { Hidden = [6], Targets = 1 } };
        using var model = new VaeModel(options, seed: 3);
        int[] keep = [0, 2, 4];
        using var pruned = LatentPruning.Prune(model, keep, seed: 3);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        using var generator = new Generator(1);
        var z = randn(7, 5, generator: generator);
        foreach (int j in new[] { 1, 3 }) z[.., j] = 0;   // a pruned dimension is one set to its prior mean
        var kept = z.index_select(1, tensor(keep.Select(j => (long)j).ToArray()));
        Assert.True(model.PredictStandardized(z).allclose(pruned.PredictStandardized(kept), atol: 1e-6));
    }
}
