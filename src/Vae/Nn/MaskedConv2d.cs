using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Vae.Nn;

/// <summary>
/// A convolution whose kernel sees only pixels before the centre in raster order (rows above, and
/// the same row to the left): type A also hides the centre (the first layer, so pixel i never sees
/// itself); type B shows it (later layers, whose centre features already depend only on earlier
/// pixels). Channels of one pixel are treated as one unit, so within a pixel they are conditionally
/// independent given the past (a valid autoregressive density).
/// </summary>
public sealed class MaskedConv2d : nn.Module<Tensor, Tensor>, ISelfInitializing
{
    private readonly Parameter weight;
    private readonly Parameter bias;
    private readonly Tensor mask;
    private readonly long padding;

    public MaskedConv2d(int inChannels, int outChannels, int kernel, bool typeA) : base(nameof(MaskedConv2d))
    {
        if (kernel % 2 == 0) throw new ArgumentException("the kernel size must be odd", nameof(kernel));
        CheckedConvolution.Prepare();
        padding = kernel / 2;
        var conv = nn.Conv2d(inChannels, outChannels, kernel, padding: padding);
        weight = conv.weight!;
        bias = conv.bias!;
        var m = ones(1, 1, kernel, kernel);
        int c = kernel / 2;
        m[.., .., c, (typeA ? c : c + 1)..] = 0;
        m[.., .., (c + 1).., ..] = 0;
        mask = m;
        register_parameter("weight", weight);
        register_parameter("bias", bias);
        register_buffer("mask", mask);
    }

    /// <summary>
    /// Draws the weights and biases as PyTorch's default does (uniform in ±1/√fan_in) from <paramref name="generator"/>.
    /// The constructor leaves libtorch's draw from the global generator, which is not the model's seed (two runs of the
    /// PixelCNN decoder with one seed started from different weights until <see cref="ParameterInit.Reset"/> called this).
    /// </summary>
    public void Reset(Generator generator)
    {
        using var noGrad = no_grad();
        double bound = 1.0 / Math.Sqrt(weight.shape[1] * weight.shape[2] * weight.shape[3]);
        weight.uniform_(-bound, bound, generator);
        bias.uniform_(-bound, bound, generator);
    }

    // x: [B, C_in, H, W] -> [B, C_out, H, W]
    public override Tensor forward(Tensor x) => CheckedConvolution.Conv2d(x, weight * mask, bias, 1, padding);
}
