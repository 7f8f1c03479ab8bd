using TorchSharp;
using static TorchSharp.torch;

namespace Vae.Nn;

/// <summary>Strided convolutions then a dense layer: a flattened image → features.</summary>
public sealed class ConvEncoder : nn.Module<Tensor, Tensor>
{
    private readonly nn.Module<Tensor, Tensor> convs;
    private readonly nn.Module<Tensor, Tensor>[] layers; // convs' modules, run through CheckedConvolution
    private readonly Mlp dense;
    private readonly long[] imageShape;

    public ConvEncoder(ConvStack stack, IReadOnlyList<int> hidden, ActivationKind activation) : base(nameof(ConvEncoder))
    {
        CheckedConvolution.Prepare();
        var modules = new List<nn.Module<Tensor, Tensor>>();
        int inChannels = stack.Input.Channels;
        foreach (int c in stack.Channels)
        {
            modules.Add(nn.Conv2d(inChannels, c, kernel_size: 4, stride: 2, padding: 1));
            modules.Add(Activations.Create(activation));
            inChannels = c;
        }
        modules.Add(nn.Flatten());
        convs = nn.Sequential(modules);
        layers = [.. modules];
        dense = new Mlp(stack.FlatSize, hidden, activation);
        imageShape = [-1, stack.Input.Channels, stack.Input.Height, stack.Input.Width];
        OutputSize = dense.OutputSize;
        RegisterComponents();
    }

    public int OutputSize { get; }

    // x: [B, C*H*W] -> [B, OutputSize]
    public override Tensor forward(Tensor x) => dense.call(CheckedConvolution.Run(layers, x.view(imageShape)));
}
