using TorchSharp;
using Vae.Nn;
using static TorchSharp.torch;

namespace Vae.Models;

/// <summary>Builds the encoder body and the decoder a <see cref="ModelOptions"/> describes.</summary>
public static class Networks
{
    /// <summary>The encoder body (x or [x, c] → features), its output width, and the decoder ([z, c, shortcut] → parameters).</summary>
    public static (nn.Module<Tensor, Tensor> Encoder, int Features, Decoder Decoder) Build(ModelOptions o, int paramsPerValue)
    {
        if (o.Architecture == Architecture.Sequence) return SequencePair(o);
        int inputs = o.Input.Size + (o.ConditionEncoder ? o.Conditions : 0);
        int outputs = o.Input.Size * paramsPerValue;
        int[] reversed = o.Hidden.Reverse().ToArray();
        (nn.Module<Tensor, Tensor> encoder, int features, nn.Module<Tensor, Tensor>? mirror) = o.Architecture switch
        {
            Architecture.Conv => ConvPair(o, reversed, paramsPerValue),
            Architecture.Linear => (nn.Identity(), inputs, nn.Linear(o.DecoderInputSize, outputs)),
            _ => MlpPair(o, inputs, reversed, outputs),
        };
        Decoder decoder = o.Decoder switch
        {
            DecoderKind.PixelCnn => new PixelCnnDecoder(o.DecoderInputSize, o.Input, o.PixelCnnFeatures, o.PixelCnnLayers, paramsPerValue, o.ZInjection),
            _ when o.ZInjection != ZInjection.Input => new InjectedMlpDecoder(o.DecoderInputSize, reversed, outputs, o.Activation, o.ZInjection),
            _ => new FeedForwardDecoder(mirror!),
        };
        return (encoder, features, decoder);
    }

    static (nn.Module<Tensor, Tensor>, int, nn.Module<Tensor, Tensor>) MlpPair(ModelOptions o, int inputs, int[] reversed, int outputs)
    {
        var mlp = new Mlp(inputs, o.Hidden, o.Activation);
        return (mlp, mlp.OutputSize, new Mlp(o.DecoderInputSize, [.. reversed, outputs], o.Activation, activateLast: false));
    }

    static (nn.Module<Tensor, Tensor>, int, nn.Module<Tensor, Tensor>) ConvPair(ModelOptions o, int[] reversed, int paramsPerValue)
    {
        var stack = ConvStack.For(o.Input, o.Channels);
        var conv = new ConvEncoder(stack, o.Hidden, o.Activation);
        return (conv, conv.OutputSize, new ConvDecoder(o.DecoderInputSize, stack, reversed, o.Activation, paramsPerValue));
    }

    static (nn.Module<Tensor, Tensor>, int, Decoder) SequencePair(ModelOptions o)
    {
        (nn.Module<Tensor, Tensor> encoder, int features) = o.SequenceEncoder switch
        {
            SequenceEncoderKind.Gru => Gru(new GruEncoder(o.Classes, o.Embedding, o.GruHidden, o.GruLayers)),
            _ => Conv(new ConvSequenceEncoder(o.Classes, o.Input.Size, o.Embedding, o.Channels ?? [64, 64, 64], 9, o.Hidden[0])),
        };
        var decoder = new GruDecoder(o.DecoderInputSize, o.Classes, o.Input.Size, o.Embedding, o.GruHidden, o.GruLayers, o.WordDropout);
        return (encoder, features, decoder);

        static (nn.Module<Tensor, Tensor>, int) Gru(GruEncoder e) => (e, e.OutputSize);
        static (nn.Module<Tensor, Tensor>, int) Conv(ConvSequenceEncoder e) => (e, e.OutputSize);
    }
}
