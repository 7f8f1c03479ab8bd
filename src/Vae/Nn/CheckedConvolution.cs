using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.autograd;

namespace Vae.Nn;

/// <summary>
/// 2-D convolutions and transposed convolutions that never call libtorch's backward-data kernel on the CPU.
/// <para>
/// On the machine of 2026-12-05, oneDNN's backward-data kernel (a convolution's input gradient, a
/// transposed convolution's output) was wrong in a third of small configurations, while its forward and
/// weight-gradient kernels were right in all 1,920 tried (docs/results/convolutions.md). With
/// <see cref="Runtime.ConvolutionPath"/> = <see cref="ConvolutionPath.OneDnnForwardOnly"/> (the default, after a
/// self-check: <see cref="Prepare"/>), the layers here
/// compute backward-data as a forward convolution: the gradient, with stride − 1 zeros inserted between
/// its entries and padded by k − 1 − p, convolved at stride 1 with the kernel flipped and its channels
/// swapped. Weight gradients stay libtorch's. On any other path (ATen, CUDA) they are libtorch's
/// functions unchanged. <c>ConvolutionTests</c> compare both against float64.
/// </para>
/// </summary>
public static class CheckedConvolution
{
    /// <summary>
    /// Chooses the process's convolution path once (<see cref="Runtime.ChooseConvolutionPath"/>); every module that
    /// convolves calls it when it is built. The self-check runs oneDNN's forward convolution and weight gradient (the
    /// kernels the default path keeps) on eight small configurations, plain and transposed, against float64: a few
    /// milliseconds.
    /// </summary>
    public static void Prepare() => Runtime.ChooseConvolutionPath(SelfCheck);

    private static string? SelfCheck()
    {
        using var scope = NewDisposeScope();
        var g = new Generator(20261205);
        foreach (var (cin, cout, k, s, p, hw, transposed) in new (int, int, int, int, int, int, bool)[]
        {
            (1, 8, 3, 1, 1, 6, false), (8, 8, 3, 1, 1, 6, false), (1, 4, 4, 2, 1, 8, false), (32, 64, 4, 2, 1, 14, false),
            (1, 8, 7, 1, 3, 6, false), (8, 1, 4, 2, 1, 4, true), (3, 4, 4, 2, 1, 8, true), (64, 32, 4, 2, 1, 7, true),
        })
        {
            var x = randn([2, cin, hw, hw], generator: g);
            var w = randn(transposed ? [cin, cout, k, k] : [cout, cin, k, k], generator: g);
            var (worst, nan, part) = DifferenceFromFloat64(x, w, s, p, transposed, forwardOnly: true, g);
            if (nan || !(worst <= 1e-4))
                return $"{(transposed ? "transposed " : "")}{k}×{k} stride {s} {cin}→{cout} on {hw}×{hw}: {part} off by {worst:G3} (relative)";
        }
        return null;
    }

    /// <summary>
    /// How far a float32 convolution of <paramref name="x"/> (forward output, input gradient, weight gradient under
    /// random output weights drawn from <paramref name="generator"/>) is from libtorch's float64 one: the largest
    /// |difference| / (1 + the largest float64 value) of the three, which of them it was, and whether any was NaN.
    /// <paramref name="forwardOnly"/>: the forward-only functions; otherwise the path the library's layers take.
    /// The self-check and `bench/run convolutions` measure with it.
    /// </summary>
    public static (double Worst, bool Nan, string Part) DifferenceFromFloat64(Tensor x, Tensor weight, long stride, long padding, bool transposed, bool forwardOnly, Generator generator)
    {
        using var scope = NewDisposeScope();
        using var gradEnabled = enable_grad();
        var single = ForwardAndGradients(x, weight, stride, padding, transposed, forwardOnly, null);
        var r = randn(single[0].shape, generator: generator);
        single = ForwardAndGradients(x, weight, stride, padding, transposed, forwardOnly, r);
        var reference = ForwardAndGradients(x.to(ScalarType.Float64), weight.to(ScalarType.Float64), stride, padding, transposed, null, r.to(ScalarType.Float64));
        string[] parts = ["output", "input gradient", "weight gradient"];
        (double Worst, bool Nan, string Part) result = (0, false, parts[0]);
        for (int i = 0; i < 3; i++)
        {
            result.Nan |= single[i].isnan().any().item<bool>();
            double difference = (single[i].to(ScalarType.Float64) - reference[i]).abs().max().item<double>() / (1 + reference[i].abs().max().item<double>());
            if (!(difference <= result.Worst)) (result.Worst, result.Part) = (difference, parts[i]);
        }
        return result;
    }

    // forwardOnly: true the forward-only functions, false the library's path, null libtorch's functions.
    private static Tensor[] ForwardAndGradients(Tensor x, Tensor weight, long stride, long padding, bool transposed, bool? forwardOnly, Tensor? r)
    {
        var xv = x.detach().requires_grad_(true);
        var wv = weight.detach().requires_grad_(true);
        var y = (transposed, forwardOnly) switch
        {
            (true, true) => ForwardOnlyConvTranspose2d(xv, wv, null, stride, padding),
            (false, true) => ForwardOnlyConv2d(xv, wv, null, stride, padding),
            (true, false) => ConvTranspose2d(xv, wv, null, stride, padding),
            (false, false) => Conv2d(xv, wv, null, stride, padding),
            (true, null) => nn.functional.conv_transpose2d(xv, wv, null, strides: [stride, stride], padding: [padding, padding]),
            (false, null) => nn.functional.conv2d(xv, wv, null, strides: [stride, stride], padding: [padding, padding]),
        };
        if (r is null) return [y.detach()];
        (y * r).sum().backward();
        return [y.detach(), xv.grad!.detach(), wv.grad!.detach()];
    }

    /// <summary><c>conv2d(x, weight, bias)</c> with square stride and padding, on the path <see cref="Runtime.ConvolutionPath"/> chose.</summary>
    public static Tensor Conv2d(Tensor x, Tensor weight, Tensor? bias, long stride, long padding) =>
        Rerouted(x, weight, padding)
            ? ForwardOnlyConv2d(x, weight, bias, stride, padding)
            : nn.functional.conv2d(x, weight, bias, strides: [stride, stride], padding: [padding, padding]);

    /// <summary><c>conv_transpose2d(x, weight, bias)</c> (weight [C_in, C_out, k, k]) with square stride and padding, on the path <see cref="Runtime.ConvolutionPath"/> chose.</summary>
    public static Tensor ConvTranspose2d(Tensor x, Tensor weight, Tensor? bias, long stride, long padding) =>
        Rerouted(x, weight, padding)
            ? ForwardOnlyConvTranspose2d(x, weight, bias, stride, padding)
            : nn.functional.conv_transpose2d(x, weight, bias, strides: [stride, stride], padding: [padding, padding]);

    /// <summary>conv2d whose input gradient is computed as a forward convolution (any device and dtype; a square kernel, padding ≤ k − 1).</summary>
    public static Tensor ForwardOnlyConv2d(Tensor x, Tensor weight, Tensor? bias, long stride, long padding)
    {
        CheckShape(weight, padding);
        var y = nn.functional.conv2d(x.detach(), weight, bias, strides: [stride, stride], padding: [padding, padding]);
        if (!x.requires_grad || !is_grad_enabled()) return y;
        // y carries the weight and bias gradients through libtorch; InputGradient adds x's.
        return InputGradient.apply(x, y, weight.detach(), stride, padding);
    }

    /// <summary>conv_transpose2d computed, with its gradients, by forward convolutions and a weight gradient (any device and dtype; a square kernel, padding ≤ k − 1).</summary>
    public static Tensor ForwardOnlyConvTranspose2d(Tensor x, Tensor weight, Tensor? bias, long stride, long padding)
    {
        CheckShape(weight, padding);
        var y = Transposed.apply(x, weight, stride, padding);
        return bias is null ? y : y + bias.view(1, -1, 1, 1);
    }

    /// <summary><c>conv1d(x, weight, bias)</c> at stride 1 (x [B, C, L], weight [O, C, k]), on the path <see cref="Runtime.ConvolutionPath"/> chose.</summary>
    public static Tensor Conv1d(Tensor x, Tensor weight, Tensor? bias, long padding) =>
        Runtime.ConvolutionPath == ConvolutionPath.OneDnnForwardOnly && x.device_type == DeviceType.CPU && x.dtype == ScalarType.Float32
        && padding >= 0 && padding <= weight.shape[2] - 1
            ? ForwardOnlyConv1d(x, weight, bias, padding)
            : nn.functional.conv1d(x, weight, bias, padding: padding);

    /// <summary>conv1d at stride 1 whose input gradient is computed as a forward convolution (any device and dtype; padding ≤ k − 1).</summary>
    public static Tensor ForwardOnlyConv1d(Tensor x, Tensor weight, Tensor? bias, long padding)
    {
        if (weight.dim() != 3 || padding < 0 || padding > weight.shape[2] - 1)
            throw new ArgumentException($"a 1-D kernel and 0 ≤ padding ≤ k − 1 are needed; the weight is [{string.Join(", ", weight.shape)}] and the padding {padding}.");
        var y = nn.functional.conv1d(x.detach(), weight, bias, padding: padding);
        if (!x.requires_grad || !is_grad_enabled()) return y;
        return InputGradient1d.apply(x, y, weight.detach(), padding);
    }

    private static void CheckShape(Tensor weight, long padding)
    {
        if (weight.dim() != 4 || weight.shape[2] != weight.shape[3] || padding > weight.shape[2] - 1 || padding < 0)
            throw new ArgumentException($"a square kernel and 0 ≤ padding ≤ k − 1 are needed; the weight is [{string.Join(", ", weight.shape)}] and the padding {padding}.");
    }

    /// <summary>Runs a Sequential of convolutions, transposed convolutions and other layers, the convolutions through this class.</summary>
    public static Tensor Run(IEnumerable<nn.Module<Tensor, Tensor>> layers, Tensor x)
    {
        foreach (var layer in layers)
            x = layer switch
            {
                TorchSharp.Modules.Conv2d c when Square(c.stride, c.padding, c.dilation, c.groups) is var (s, p) =>
                    Conv2d(x, c.weight!, c.bias, s, p),
                TorchSharp.Modules.ConvTranspose2d c when Square(c.stride, c.padding, c.dilation, c.groups) is var (s, p) && c.output_padding.All(o => o == 0) =>
                    ConvTranspose2d(x, c.weight!, c.bias, s, p),
                _ => layer.call(x),
            };
        return x;
    }

    private static (long Stride, long Padding)? Square(long[] stride, long[]? padding, long[] dilation, long groups)
    {
        if (padding is null || stride.Length != 2 || padding.Length != 2 || stride[0] != stride[1] || padding[0] != padding[1]) return null;
        if (groups != 1 || dilation.Any(d => d != 1)) return null;
        return (stride[0], padding[0]);
    }

    private static bool Rerouted(Tensor x, Tensor weight, long padding) =>
        Runtime.ConvolutionPath == ConvolutionPath.OneDnnForwardOnly && x.device_type == DeviceType.CPU
        && x.dtype == ScalarType.Float32 && padding >= 0 && padding <= weight.shape[2] - 1 && weight.shape[2] == weight.shape[3];

    /// <summary>
    /// The input gradient of conv2d(·, weight) at stride s and padding p for an input of height × width:
    /// a forward convolution of the zero-inserted, padded gradient with the flipped, channel-swapped kernel.
    /// </summary>
    private static Tensor BackwardData(Tensor grad, Tensor weight, long stride, long padding, long height, long width)
    {
        long k = weight.shape[2], ho = grad.shape[2], wo = grad.shape[3];
        var g = grad;
        if (stride > 1)
        {
            // [B, C, Ho, Wo] -> [B, C, Ho, 1, Wo, 1] -> zeros after each entry -> [B, C, Ho*s, Wo*s], cropped to (Ho-1)*s+1
            g = nn.functional.pad(g.reshape(g.shape[0], g.shape[1], ho, 1, wo, 1), [0, stride - 1, 0, 0, 0, stride - 1])
                .reshape(g.shape[0], g.shape[1], ho * stride, wo * stride)
                .narrow(2, 0, (ho - 1) * stride + 1).narrow(3, 0, (wo - 1) * stride + 1);
        }
        long edge = k - 1 - padding;
        long extraH = height - ((ho - 1) * stride + k - 2 * padding), extraW = width - ((wo - 1) * stride + k - 2 * padding);
        g = nn.functional.pad(g, [edge, edge + extraW, edge, edge + extraH]);
        return nn.functional.conv2d(g, weight.flip(2, 3).transpose(0, 1).contiguous());
    }

    private sealed class InputGradient : SingleTensorFunction<InputGradient>
    {
        public override string Name => nameof(InputGradient);

        // vars: x, y (conv2d of x.detach()), weight (detached), stride, padding. Returns y; x's gradient is BackwardData.
        public override Tensor forward(AutogradContext ctx, params object[] vars)
        {
            var x = (Tensor)vars[0];
            ctx.save_for_backward([(Tensor)vars[2]]);
            ctx.save_data("stride", vars[3]);
            ctx.save_data("padding", vars[4]);
            ctx.save_data("height", x.shape[2]);
            ctx.save_data("width", x.shape[3]);
            return ((Tensor)vars[1]).clone();
        }

        public override List<Tensor> backward(AutogradContext ctx, Tensor grad_output)
        {
            var weight = ctx.get_saved_variables()[0];
            var gx = BackwardData(grad_output, weight, (long)ctx.get_data("stride"), (long)ctx.get_data("padding"),
                (long)ctx.get_data("height"), (long)ctx.get_data("width"));
            return [gx, grad_output, null!, null!, null!];
        }
    }

    private sealed class InputGradient1d : SingleTensorFunction<InputGradient1d>
    {
        public override string Name => nameof(InputGradient1d);

        // vars: x [B, C, L], y (conv1d of x.detach()), weight (detached) [O, C, k], padding. Returns y; x's gradient is
        // the output gradient padded by k − 1 − p and convolved with the flipped, channel-swapped kernel.
        public override Tensor forward(AutogradContext ctx, params object[] vars)
        {
            ctx.save_for_backward([(Tensor)vars[2]]);
            ctx.save_data("padding", vars[3]);
            return ((Tensor)vars[1]).clone();
        }

        public override List<Tensor> backward(AutogradContext ctx, Tensor grad_output)
        {
            var weight = ctx.get_saved_variables()[0];
            long edge = weight.shape[2] - 1 - (long)ctx.get_data("padding");
            var gx = nn.functional.conv1d(nn.functional.pad(grad_output, [edge, edge]), weight.flip(2).transpose(0, 1).contiguous());
            return [gx, grad_output, null!, null!];
        }
    }

    private sealed class Transposed : SingleTensorFunction<Transposed>
    {
        public override string Name => nameof(Transposed);

        // vars: x [B, C_in, H, W], weight [C_in, C_out, k, k], stride, padding -> [B, C_out, (H-1)s - 2p + k, ...]
        public override Tensor forward(AutogradContext ctx, params object[] vars)
        {
            Tensor x = (Tensor)vars[0], weight = (Tensor)vars[1];
            long stride = (long)vars[2], padding = (long)vars[3], k = weight.shape[2];
            ctx.save_for_backward([x, weight]);
            ctx.save_data("stride", stride);
            ctx.save_data("padding", padding);
            return BackwardData(x, weight, stride, padding, (x.shape[2] - 1) * stride - 2 * padding + k, (x.shape[3] - 1) * stride - 2 * padding + k);
        }

        // The transposed convolution is the adjoint of conv2d(·, weight): its input gradient is that forward
        // convolution of the output gradient, and its weight gradient conv2d's weight gradient at (input = the
        // output gradient, output gradient = x), both from one forward convolution.
        public override List<Tensor> backward(AutogradContext ctx, Tensor grad_output)
        {
            var saved = ctx.get_saved_variables();
            Tensor x = saved[0], weight = saved[1];
            long stride = (long)ctx.get_data("stride"), padding = (long)ctx.get_data("padding");
            using var enabled = enable_grad();
            var w = weight.detach().requires_grad_(true);
            var t = nn.functional.conv2d(grad_output.detach(), w, null, strides: [stride, stride], padding: [padding, padding]);
            var gw = grad([t], [w], [x.detach()])[0];
            return [t.detach(), gw, null!, null!];
        }
    }
}
