using Vae.Models;
using Vae.Nn;
using static TorchSharp.torch;

namespace Vae.Tests.Nn;

[Collection(ProcessWide.Name)]
public class PixelCnnDecoderTests
{
    [Theory]
    [InlineData(ZInjection.Input)]
    [InlineData(ZInjection.EveryLayer)]
    [InlineData(ZInjection.Film)]
    public void Each_Pixels_Parameters_Depend_Only_On_Earlier_Pixels_And_On_Z(ZInjection injection)
    {
        using var scope = NewDisposeScope();
        manual_seed(1);
        var shape = DataShape.Image(1, 6, 5);
        using var decoder = new PixelCnnDecoder(3, shape, features: 8, residualLayers: 2, paramsPerValue: 1, injection);
        var z = randn(2, 3);
        var x = rand(2, 30).requires_grad_(true);
        var outputs = decoder.Forward(z, x);
        for (int i = 0; i < 30; i++)
        {
            x.grad?.zero_();
            outputs[.., i].sum().backward(retain_graph: true);
            var g = x.grad!.abs().sum(dim: 0);
            for (int j = 0; j < 30; j++)
                Assert.True(j < i || g[j].item<float>() == 0f, $"output {i} depends on pixel {j}");
            Assert.True(i == 0 || g.narrow(0, 0, i).sum().item<float>() > 0, $"output {i} sees no earlier pixel");
        }
        var other = decoder.Forward(randn(2, 3), x);
        Assert.False(other.allclose(outputs), "the output depends on z");
    }

    [Fact]
    public void A_Models_Masked_Convolutions_Depend_On_Its_Seed_Alone()
    {
        using var scope = NewDisposeScope();
        var options = ModelOptions.MnistMlp with { PixelCnn = new PixelCnnOptions { Features = 8, Layers = 2 } };
        Dictionary<string, Tensor> Weights(int seed, long globalSeed)
        {
            manual_seed(globalSeed);   // the global generator differs between the two builds; the model's seed does not
            using var model = new VaeModel(options, seed);
            return model.named_parameters().Where(p => p.name.Contains("decoder")).ToDictionary(p => p.name, p => p.parameter.detach().clone());
        }
        var a = Weights(3, 1);
        var b = Weights(3, 2);
        Assert.Contains(a.Keys, k => k.Contains("input"));
        foreach (var (name, w) in a) Assert.True(w.allclose(b[name], rtol: 0, atol: 0), $"{name} differs between two models of seed 3");
        var c = Weights(4, 1);
        Assert.Contains(a.Keys, k => !a[k].allclose(c[k], rtol: 0, atol: 0));
    }
}
