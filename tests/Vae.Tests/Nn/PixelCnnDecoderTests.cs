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
}
