using static TorchSharp.torch;
using Vae.Nn;

namespace Vae.Tests.Nn;

/// <summary>
/// The float32 convolutions the library runs on the CPU (forward, input gradient, weight gradient;
/// plain, masked and transposed, at the shapes its models use) against the same computation in
/// float64, which libtorch never sends to oneDNN. With oneDNN fully on (VAE_CONVOLUTIONS=onednn) the
/// masked 3×3 and the 1→8 transposed 7×7 cases failed on an AVX-512 machine; on the default path
/// (onednn-forward) and on aten they pass. See <see cref="CheckedConvolution.Prepare"/>.
/// </summary>
[Collection(ProcessWide.Name)]
public class ConvolutionTests
{
    [Fact]
    public void The_Process_Takes_The_Path_Chosen_Or_Checked()
    {
        CheckedConvolution.Prepare();
        string? chosen = Environment.GetEnvironmentVariable("VAE_CONVOLUTIONS");
        var path = Runtime.ConvolutionPath;
        Assert.NotNull(Runtime.ConvolutionPathReason);
        switch (chosen)
        {
            case "onednn": Assert.Equal(ConvolutionPath.OneDnn, path); break;
            case "onednn-forward": Assert.Equal(ConvolutionPath.OneDnnForwardOnly, path); break;
            case "aten": Assert.Equal(ConvolutionPath.Aten, path); break;
            default:
                // the self-check decides: oneDNN's forward kernels kept, or oneDNN off saying what was wrong
                Assert.Contains(path, new[] { ConvolutionPath.OneDnnForwardOnly, ConvolutionPath.Aten });
                if (path == ConvolutionPath.Aten) Assert.StartsWith("the self-check found oneDNN wrong: ", Runtime.ConvolutionPathReason);
                break;
        }
        if (path == ConvolutionPath.Aten && OperatingSystem.IsLinux()) Assert.True(Runtime.OneDnnConvolutionsOff, Runtime.ConvolutionPathReason);
        Assert.Contains("CPU convolutions through", Runtime.Describe());
    }

    /// <summary>cin, cout, k, stride, padding, height, width, transposed, masked: the shapes the library's models use.</summary>
    public static TheoryData<int, int, int, int, int, int, int, bool, bool> ModelShapes => new()
    {
        { 8, 8, 3, 1, 1, 6, 5, false, true },      // masked 3×3 (PixelCNN type B), whose input gradient lost a term with oneDNN
        { 1, 8, 7, 1, 3, 6, 5, false, true },      // masked 7×7 (PixelCNN type A, the first layer)
        { 1, 8, 7, 1, 3, 6, 6, true, false },      // transposed 7×7 from one channel, off by 7.7 with oneDNN
        { 1, 32, 4, 2, 1, 28, 28, false, false },  // the conv VAE's encoder and decoder stages, 28×28 and 64×64
        { 32, 64, 4, 2, 1, 14, 14, false, false },
        { 64, 32, 4, 2, 1, 7, 7, true, false },
        { 32, 1, 4, 2, 1, 14, 14, true, false },
        { 3, 32, 4, 2, 1, 64, 64, false, false },
        { 32, 3, 4, 2, 1, 32, 32, true, false },
        { 1, 32, 3, 1, 1, 28, 28, false, false },  // the feature classifier's 3×3 convolutions
    };

    /// <summary>More shapes for the forward-only functions: odd sizes the stride never reaches, stride 3, no padding, 1×1.</summary>
    public static TheoryData<int, int, int, int, int, int, int, bool, bool> OtherShapes => new()
    {
        { 4, 5, 3, 2, 1, 9, 8, false, false },
        { 4, 5, 5, 3, 0, 11, 13, false, false },
        { 5, 4, 3, 2, 0, 5, 4, true, false },
        { 6, 2, 1, 1, 0, 7, 7, false, false },
    };

    [Theory]
    [MemberData(nameof(ModelShapes))]
    public void Float32_Convolutions_Match_Float64(int cin, int cout, int k, int stride, int pad, int h, int w, bool transposed, bool masked)
    {
        CheckedConvolution.Prepare();
        Compare(cin, cout, k, stride, pad, h, w, transposed, masked, forwardOnly: false);
    }

    /// <summary>
    /// CheckedConvolution's forward-only form (backward-data as a forward convolution of the zero-inserted
    /// gradient): in float64 it must equal libtorch's float64 convolution and its gradients to rounding, and in
    /// float32 come as close to float64 as libtorch's own float32 path does.
    /// </summary>
    [Theory]
    [MemberData(nameof(ModelShapes))]
    [MemberData(nameof(OtherShapes))]
    public void Forward_Only_Convolutions_Match_Libtorch_In_Float64_And_Float32(int cin, int cout, int k, int stride, int pad, int h, int w, bool transposed, bool masked)
    {
        CheckedConvolution.Prepare();
        Compare(cin, cout, k, stride, pad, h, w, transposed, masked, forwardOnly: true);
    }

    /// <summary>The SMILES encoder's 1-D convolutions (ConvSequenceEncoder: stride 1, padding k/2), on the library's path and forward-only.</summary>
    [Theory]
    [InlineData(16, 9, 9, 4, 40)]
    [InlineData(9, 9, 9, 4, 7)]
    [InlineData(1, 10, 11, 5, 30)]
    [InlineData(3, 4, 3, 0, 12)]
    public void Conv1d_Matches_Float64(int cin, int cout, int k, int pad, int length)
    {
        CheckedConvolution.Prepare();
        using var scope = NewDisposeScope();
        var g = new TorchSharp.torch.Generator(99);
        var x = randn([4, cin, length], generator: g);
        var weight = randn([cout, cin, k], generator: g) * (1.0 / Math.Sqrt(cin * k));
        var r = randn([4, cout, length + 2 * pad - k + 1], generator: g);
        Tensor[] Grads(Tensor xx, Tensor ww, Tensor rr, Func<Tensor, Tensor, Tensor> conv)
        {
            var xv = xx.detach().clone().requires_grad_(true);
            var wv = ww.detach().clone().requires_grad_(true);
            var y = conv(xv, wv);
            (y * rr).sum().backward();
            return [y.detach(), xv.grad!.detach(), wv.grad!.detach()];
        }
        var reference = Grads(x.to(ScalarType.Float64), weight.to(ScalarType.Float64), r.to(ScalarType.Float64), (a, b) => nn.functional.conv1d(a, b, padding: pad));
        var library = Grads(x, weight, r, (a, b) => CheckedConvolution.Conv1d(a, b, null, pad));
        var forwardOnly64 = Grads(x.to(ScalarType.Float64), weight.to(ScalarType.Float64), r.to(ScalarType.Float64), (a, b) => CheckedConvolution.ForwardOnlyConv1d(a, b, null, pad));
        string[] names = ["output", "input gradient", "weight gradient"];
        for (int i = 0; i < 3; i++)
        {
            Close(names[i], library[i], reference[i], 1e-4);
            Close("float64 " + names[i], forwardOnly64[i], reference[i], 1e-12);
        }
    }

    [Fact]
    public void Forward_Only_Convolution_Refuses_Padding_Beyond_The_Kernel()
    {
        var e = Assert.Throws<ArgumentException>(() => CheckedConvolution.ForwardOnlyConv2d(ones(1, 1, 4, 4), ones(1, 1, 3, 3), null, 1, 3));
        Assert.Contains("padding 3", e.Message);
    }

    private static void Compare(int cin, int cout, int k, int stride, int pad, int h, int w, bool transposed, bool masked, bool forwardOnly)
    {
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
        var (y32, gx32, gw32) = Run(x, weight, stride, pad, transposed, null, forwardOnly);
        var r = randn(y32.shape, generator: g);
        (y32, gx32, gw32) = Run(x, weight, stride, pad, transposed, r, forwardOnly);
        var (y64, gx64, gw64) = Run(x.to(ScalarType.Float64), weight.to(ScalarType.Float64), stride, pad, transposed, r.to(ScalarType.Float64), false);
        Close("output", y32, y64, 1e-4);
        Close("input gradient", gx32, gx64, 1e-4);
        Close("weight gradient", gw32, gw64, 1e-4);
        if (!forwardOnly) return;
        var (yf, gxf, gwf) = Run(x.to(ScalarType.Float64), weight.to(ScalarType.Float64), stride, pad, transposed, r.to(ScalarType.Float64), true);
        Close("float64 output", yf, y64, 1e-12);
        Close("float64 input gradient", gxf, gx64, 1e-12);
        Close("float64 weight gradient", gwf, gw64, 1e-12);
    }

    private static (Tensor Y, Tensor Gx, Tensor Gw) Run(Tensor x, Tensor weight, int stride, int pad, bool transposed, Tensor? r, bool forwardOnly)
    {
        var xv = x.detach().clone().requires_grad_(true);
        var wv = weight.detach().clone().requires_grad_(true);
        var y = (transposed, forwardOnly) switch
        {
            (true, true) => CheckedConvolution.ForwardOnlyConvTranspose2d(xv, wv, null, stride, pad),
            (false, true) => CheckedConvolution.ForwardOnlyConv2d(xv, wv, null, stride, pad),
            // the path the library's layers take (libtorch's functions on the ATen path; float64 always is libtorch's)
            (true, false) => CheckedConvolution.ConvTranspose2d(xv, wv, null, stride, pad),
            (false, false) => CheckedConvolution.Conv2d(xv, wv, null, stride, pad),
        };
        if (r is null) return (y.detach(), xv, wv);
        (y * r).sum().backward();
        return (y.detach(), xv.grad!.detach(), wv.grad!.detach());
    }

    private static void Close(string what, Tensor single, Tensor reference, double tolerance)
    {
        Assert.False(single.isnan().any().item<bool>(), $"{what}: NaN in float32");
        double scale = 1 + reference.abs().max().item<double>();
        double diff = (single.to(ScalarType.Float64) - reference).abs().max().item<double>();
        Assert.True(diff <= tolerance * scale, $"{what}: max |difference| = {diff:E2} (scale {scale:G3}, tolerance {tolerance:E0})");
    }
}
