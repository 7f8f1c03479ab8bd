using TorchSharp;
using static TorchSharp.torch;

namespace Vae.Nn;

/// <summary>The mirror of <see cref="ConvEncoder"/>: z → dense layers → transposed convolutions → a flattened image of parameters.</summary>
public sealed class ConvDecoder : nn.Module<Tensor, Tensor>
{
    private readonly Mlp dense;
    private readonly nn.Module<Tensor, Tensor> deconvs;
    private readonly nn.Module<Tensor, Tensor>[] layers; // deconvs' modules, run through CheckedConvolution
    private readonly long[] gridShape;

    /// <param name="paramsPerValue">Decoder outputs per data value (1 for a Bernoulli logit or a Gaussian mean).</param>
    public ConvDecoder(int latent, ConvStack stack, IReadOnlyList<int> hidden, ActivationKind activation, int paramsPerValue) : base(nameof(ConvDecoder))
    {
        CheckedConvolution.Prepare();
        dense = new Mlp(latent, [.. hidden, stack.FlatSize], activation);
        var modules = new List<nn.Module<Tensor, Tensor>>();
        for (int i = stack.Stages - 1; i >= 0; i--)
        {
            int outChannels = i > 0 ? stack.Channels[i - 1] : stack.Input.Channels * paramsPerValue;
            modules.Add(nn.ConvTranspose2d(stack.Channels[i], outChannels, kernel_size: 4, stride: 2, padding: 1));
            if (i > 0) modules.Add(Activations.Create(activation));
        }
        modules.Add(nn.Flatten());
        deconvs = nn.Sequential(modules);
        layers = [.. modules];
        gridShape = [-1, stack.Channels[^1], stack.OutHeight, stack.OutWidth];
        RegisterComponents();
    }

    // z: [B, d] -> [B, C*H*W*paramsPerValue] (channel-major, as the data is stored)
    public override Tensor forward(Tensor z) => CheckedConvolution.Run(layers, dense.call(z).view(gridShape));
}
