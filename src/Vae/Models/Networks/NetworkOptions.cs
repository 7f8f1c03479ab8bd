using System.Text.Json.Serialization;
using TorchSharp;
using Vae.Nn;
using static TorchSharp.torch;

namespace Vae.Models;

/// <summary>
/// The encoder and decoder networks of a model, one record per architecture, so that a setting only
/// exists where it means something (a GRU width on a sequence model, z injection on an MLP). Stored in
/// config.json under <c>model.network</c> with a <c>kind</c>: mlp, conv, linear or sequence.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(MlpNetwork), "mlp")]
[JsonDerivedType(typeof(ConvNetwork), "conv")]
[JsonDerivedType(typeof(LinearNetwork), "linear")]
[JsonDerivedType(typeof(SequenceNetwork), "sequence")]
public abstract record NetworkOptions
{
    /// <summary>The encoder trunk (x or [x, c] → features h), its width, and the mirror decoder ([z, c, shortcut] → parameters).</summary>
    public abstract NetworkPair Build(ModelOptions model, int paramsPerValue);

    /// <summary>Checks this network against the rest of the model (called when a model is built).</summary>
    public virtual void Validate(ModelOptions model) { }

    /// <summary>Activation values one decoder row holds at once, roughly (sizes the passes of importance sampling).</summary>
    public abstract long DecoderActivationsPerRow(DataShape input);

    /// <summary>The architecture's name, as people say it (Mlp, Conv, Linear, Sequence).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string Name => GetType().Name.Replace("Network", "");

    /// <summary>The encoder's hidden widths (empty for a linear model).</summary>
    public virtual IReadOnlyList<int> HiddenWidths() => [];

    /// <summary>Width of the encoder's input: x and, when conditioned, c.</summary>
    protected static int EncoderInputs(ModelOptions o) => o.Input.Size + (o.ConditionEncoder ? o.Conditions : 0);

    protected static int[] Positive(int[]? value, string name) =>
        value is { Length: > 0 } && value.All(h => h >= 1) ? value
            : throw new ArgumentOutOfRangeException(name, value is null ? "null" : string.Join(",", value), $"{name}: give one or more layer widths, each ≥ 1.");
}

/// <summary>An encoder trunk with its output width, and the decoder.</summary>
public sealed record NetworkPair(nn.Module<Tensor, Tensor> Encoder, int Features, Decoder Decoder);

/// <summary>Fully connected layers with activations; the decoder mirrors the encoder.</summary>
public sealed record MlpNetwork : NetworkOptions
{
    /// <summary>Hidden layer widths of the encoder (the decoder mirrors them).</summary>
    public int[] Hidden { get; init => field = Positive(value, nameof(Hidden)); } = [400];

    public ActivationKind Activation { get; init; } = ActivationKind.Relu;

    public override IReadOnlyList<int> HiddenWidths() => Hidden;

    /// <summary>How z enters the decoder: at its input, in every layer (skip-VAE), or by FiLM.</summary>
    public ZInjection ZInjection { get; init; } = ZInjection.Input;

    public override NetworkPair Build(ModelOptions o, int paramsPerValue)
    {
        int outputs = o.Input.Size * paramsPerValue;
        int[] reversed = [.. Hidden.Reverse()];
        var encoder = new Mlp(EncoderInputs(o), Hidden, Activation);
        Decoder decoder = ZInjection == ZInjection.Input
            ? new FeedForwardDecoder(new Mlp(o.DecoderInputSize, [.. reversed, outputs], Activation, activateLast: false))
            : new InjectedMlpDecoder(o.DecoderInputSize, reversed, outputs, Activation, ZInjection);
        return new NetworkPair(encoder, encoder.OutputSize, decoder);
    }

    public override void Validate(ModelOptions model)
    {
        if (ZInjection != ZInjection.Input && model.PixelCnn is not null)
            throw new VaeException("z injection belongs to the decoder: with a PixelCNN decoder set it on the PixelCNN (--z-injection applies there).");
    }

    public override long DecoderActivationsPerRow(DataShape input) => 4L * (Hidden.Sum() + input.Size);
}

/// <summary>Strided convolutions then dense layers (images); the decoder mirrors them with transposed convolutions.</summary>
public sealed record ConvNetwork : NetworkOptions
{
    /// <summary>Widths of the dense layers after the convolutions.</summary>
    public int[] Hidden { get; init => field = Positive(value, nameof(Hidden)); } = [256];

    public ActivationKind Activation { get; init; } = ActivationKind.Relu;

    public override IReadOnlyList<int> HiddenWidths() => Hidden;

    /// <summary>Channels of the convolution stages; null chooses them from the input size.</summary>
    public int[]? Channels { get; init; }

    public override NetworkPair Build(ModelOptions o, int paramsPerValue)
    {
        var stack = ConvStack.For(o.Input, Channels);
        var encoder = new ConvEncoder(stack, Hidden, Activation);
        var decoder = new FeedForwardDecoder(new ConvDecoder(o.DecoderInputSize, stack, [.. Hidden.Reverse()], Activation, paramsPerValue));
        return new NetworkPair(encoder, encoder.OutputSize, decoder);
    }

    public override void Validate(ModelOptions model) => ConvStack.For(model.Input, Channels);

    public override long DecoderActivationsPerRow(DataShape input) => 4L * (Channels?.Max() ?? 64) * input.Height * input.Width;
}

/// <summary>No hidden layers: μ, log σ² and the decoder's output are affine in their inputs (with a Gaussian likelihood, log p(x) is exact).</summary>
public sealed record LinearNetwork : NetworkOptions
{
    public override NetworkPair Build(ModelOptions o, int paramsPerValue) =>
        new(nn.Identity(), EncoderInputs(o), new FeedForwardDecoder(nn.Linear(o.DecoderInputSize, o.Input.Size * paramsPerValue)));

    // As wide as the default MLP's hidden layer (400), the estimate this sizing has always used for linear models.
    public override long DecoderActivationsPerRow(DataShape input) => 4L * (400 + input.Size);
}
