using TorchSharp;
using TorchSharp.Modules;
using Vae.Models;
using Vae.Nn;
using static TorchSharp.torch;

namespace Vae.Export.Onnx;

/// <summary>
/// Writes the networks of <c>Nn/</c> into an <see cref="OnnxGraph"/>, module by module, reading each module's own
/// weights and settings (kernel, stride, padding, slopes) so the graph computes what its forward pass computes:
/// linear layers as Gemm (x·Wᵀ + b), convolutions as Conv / ConvTranspose, the activations of
/// <see cref="Activations"/>, Flatten, and the two reshapes the convolutional networks do in their forward passes
/// (flat x → [N, C, H, W] in <see cref="ConvEncoder"/>, dense output → [N, C, h, w] in <see cref="ConvDecoder"/>).
/// A module it does not know is refused by name.
/// </summary>
public sealed class OnnxModules(OnnxGraph graph, ModelOptions options)
{
    /// <summary>Adds the nodes of <paramref name="module"/> applied to <paramref name="x"/>; returns the output's name.</summary>
    public string Apply(nn.Module module, string x) => module switch
    {
        FeedForwardDecoder d => Apply(d.Network, x),
        Sequential or Mlp => module.children().Aggregate(x, (v, child) => Apply(child, v)),
        Identity => x,
        Linear linear => Gemm(linear, x),
        Conv2d conv => Convolution("Conv", conv, conv.weight!, conv.bias, x),
        ConvTranspose2d conv => Convolution("ConvTranspose", conv, conv.weight!, conv.bias, x),
        Flatten f when f.start_dim == 1 && f.end_dim == -1 => graph.Node("Flatten", [x], null, OnnxGraph.Int("axis", 1)),
        ConvEncoder encoder => Children(encoder, Reshape(x, ImageShape()), reshapeAfterFirst: null),
        ConvDecoder decoder => Children(decoder, x, reshapeAfterFirst: GridShape()),
        _ => Activation(module, x),
    };

    // The children in registration order (the order of their forward passes), with a reshape after the first one.
    string Children(nn.Module module, string x, long[]? reshapeAfterFirst)
    {
        int i = 0;
        foreach (var child in module.children())
        {
            x = Apply(child, x);
            if (i++ == 0 && reshapeAfterFirst is not null) x = Reshape(x, reshapeAfterFirst);
        }
        return x;
    }

    string Activation(nn.Module module, string x)
    {
        switch (module)
        {
            case ReLU: return graph.Node("Relu", [x]);
            case Tanh: return graph.Node("Tanh", [x]);
            case Sigmoid: return graph.Node("Sigmoid", [x]);
            case LeakyReLU leaky: return graph.Node("LeakyRelu", [x], null, OnnxGraph.Float("alpha", (float)leaky.negative_slope));
            case ELU elu: return graph.Node("Elu", [x], null, OnnxGraph.Float("alpha", (float)elu.alpha));
            case SiLU: return graph.Node("Mul", [x, graph.Node("Sigmoid", [x])]);   // x·σ(x)
            case GELU gelu when gelu.approximate == GELU.Approximate.none:
                // ½·x·(1 + erf(x/√2)), exact GELU (the Gelu operator needs opset 20)
                var erf = graph.Node("Erf", [graph.Node("Div", [x, Scalar("sqrt2", MathF.Sqrt(2))])]);
                return graph.Node("Mul", [graph.Node("Mul", [x, Scalar("half", 0.5f)]), graph.Node("Add", [erf, Scalar("one", 1)])]);
            case Softplus softplus when softplus.beta == 1:
                // libtorch returns x where x > threshold (ONNX's Softplus would overflow there)
                var above = graph.Node("Greater", [x, Scalar("threshold", (float)softplus.threshold)]);
                return graph.Node("Where", [above, x, graph.Node("Softplus", [x])]);
            default:
                throw new VaeException($"the layer {module.GetType().Name} has no ONNX translation here");
        }
    }

    string Gemm(Linear linear, string x)
    {
        var inputs = new List<string> { x, Weights("weight", linear.weight!) };
        if (linear.bias is { } b) inputs.Add(Weights("bias", b));
        return graph.Node("Gemm", [.. inputs], null, OnnxGraph.Int("transB", 1));
    }

    string Convolution(string op, Convolution conv, Tensor weight, Tensor? bias, string x)
    {
        if (conv.padding_type is not null || conv.padding_mode != PaddingModes.Zeros)
            throw new VaeException($"the {op} layer pads by {conv.padding_mode}/{conv.padding_type}; only explicit zero padding is exported");
        var inputs = new List<string> { x, Weights("weight", weight) };
        if (bias is not null) inputs.Add(Weights("bias", bias));
        var attributes = new List<global::Onnx.AttributeProto>
        {
            OnnxGraph.Ints("kernel_shape", conv.kernel_size),
            OnnxGraph.Ints("strides", conv.stride),
            OnnxGraph.Ints("pads", [.. conv.padding!, .. conv.padding!]),   // begins then ends
            OnnxGraph.Ints("dilations", conv.dilation),
            OnnxGraph.Int("group", conv.groups),
        };
        if (op == "ConvTranspose" && conv.output_padding.Any(p => p != 0)) attributes.Add(OnnxGraph.Ints("output_padding", conv.output_padding));
        return graph.Node(op, [.. inputs], null, [.. attributes]);
    }

    string Reshape(string x, long[] shape) => graph.Node("Reshape", [x, graph.Int64s("shape", shape)]);

    long[] ImageShape() => [-1, options.Input.Channels, options.Input.Height, options.Input.Width];

    long[] GridShape()
    {
        var stack = ConvStack.For(options.Input, (options.Network as ConvNetwork)?.Channels);
        return [-1, stack.Channels[^1], stack.OutHeight, stack.OutWidth];
    }

    string Scalar(string hint, float value) => graph.Constant(hint, [value]);

    string Weights(string hint, Tensor t)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var values = t.detach().to(ScalarType.Float32).cpu().contiguous().data<float>().ToArray();
        return graph.Constant(hint, values, t.shape);
    }
}
