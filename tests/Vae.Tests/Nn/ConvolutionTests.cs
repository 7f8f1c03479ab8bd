using static TorchSharp.torch;

namespace Vae.Tests.Nn;

/// <summary>
/// The float32 convolutions the library runs on the CPU (forward, input gradient, weight gradient;
/// plain, masked and transposed, at the shapes its models use) against the same computation in
/// float64, which libtorch never sends to oneDNN. With oneDNN on (VAE_ONEDNN=1) the masked 3×3 and the
/// 1→8 transposed 7×7 cases failed on an AVX-512 machine; see <see cref="Runtime.UseCheckedConvolutions"/>.
/// </summary>
[Collection(ProcessWide.Name)]
public class ConvolutionTests
{
    [Fact]
    public void OneDnn_Is_Off_For_Cpu_Convolutions_Unless_The_User_Keeps_It()
    {
        Runtime.UseCheckedConvolutions();
        if (Environment.GetEnvironmentVariable("VAE_ONEDNN") == "1")
            Assert.Equal("VAE_ONEDNN=1", Runtime.OneDnnKeptBecause);
        else if (OperatingSystem.IsLinux())
            Assert.True(Runtime.OneDnnConvolutionsOff, Runtime.OneDnnKeptBecause);
        Assert.Contains("CPU convolutions through", Runtime.Describe());
    }

    [Theory]
    // masked 3×3 (PixelCNN type B), whose input gradient lost a term with oneDNN
    [InlineData(8, 8, 3, 1, 1, 6, 5, false, true)]
    // masked 7×7 (PixelCNN type A, the first layer)
    [InlineData(1, 8, 7, 1, 3, 6, 5, false, true)]
    // transposed 7×7 from one channel, off by 7.7 with oneDNN
    [InlineData(1, 8, 7, 1, 3, 6, 6, true, false)]
    // the conv VAE's encoder and decoder stages, 28×28 and 64×64
    [InlineData(1, 32, 4, 2, 1, 28, 28, false, false)]
    [InlineData(32, 64, 4, 2, 1, 14, 14, false, false)]
    [InlineData(64, 32, 4, 2, 1, 7, 7, true, false)]
    [InlineData(32, 1, 4, 2, 1, 14, 14, true, false)]
    [InlineData(3, 32, 4, 2, 1, 64, 64, false, false)]
    [InlineData(32, 3, 4, 2, 1, 32, 32, true, false)]
    // the feature classifier's 3×3 convolutions
    [InlineData(1, 32, 3, 1, 1, 28, 28, false, false)]
    public void Float32_Convolutions_Match_Float64(int cin, int cout, int k, int stride, int pad, int h, int w, bool transposed, bool masked)
    {
        Runtime.UseCheckedConvolutions();
        using var scope = NewDisposeScope();
        var g = new TorchSharp.torch.Generator(1234);
        var x = randn([3, cin, h, w], generator: g);
        var weight = randn(transposed ? [cin, cout, k, k] : [cout, cin, k, k], generator: g) * (1.0 / Math.Sqrt(cin * k * k));
        if (masked)
        {
            var mask = ones(1, 1, k, k);
            mask[.., .., k / 2, (k / 2 + 1)..] = 0;
            mask[.., .., (k / 2 + 1).., ..] = 0;
            weight = weight * mask;
        }
        var (y32, gx32, gw32) = Run(x, weight, stride, pad, transposed, null);
        var r = randn(y32.shape, generator: g);
        (y32, gx32, gw32) = Run(x, weight, stride, pad, transposed, r);
        var (y64, gx64, gw64) = Run(x.to(ScalarType.Float64), weight.to(ScalarType.Float64), stride, pad, transposed, r.to(ScalarType.Float64));
        Close("output", y32, y64);
        Close("input gradient", gx32, gx64);
        Close("weight gradient", gw32, gw64);
    }

    private static (Tensor Y, Tensor Gx, Tensor Gw) Run(Tensor x, Tensor weight, int stride, int pad, bool transposed, Tensor? r)
    {
        var xv = x.detach().clone().requires_grad_(true);
        var wv = weight.detach().clone().requires_grad_(true);
        var y = transposed
            ? nn.functional.conv_transpose2d(xv, wv, null, strides: [stride, stride], padding: [pad, pad])
            : nn.functional.conv2d(xv, wv, null, strides: [stride, stride], padding: [pad, pad]);
        if (r is null) return (y.detach(), xv, wv);
        (y * r).sum().backward();
        return (y.detach(), xv.grad!.detach(), wv.grad!.detach());
    }

    private static void Close(string what, Tensor single, Tensor reference)
    {
        Assert.False(single.isnan().any().item<bool>(), $"{what}: NaN in float32");
        double scale = 1 + reference.abs().max().item<double>();
        double diff = (single.to(ScalarType.Float64) - reference).abs().max().item<double>();
        Assert.True(diff <= 1e-4 * scale, $"{what}: max |float32 - float64| = {diff:E2} (scale {scale:G3})");
    }
}
