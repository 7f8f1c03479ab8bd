using TorchSharp;
using Vae.Distributions;
using Vae.Nn;
using static TorchSharp.torch;

namespace Vae.Models;

/// <summary>The encoder of a sequence model.</summary>
public enum SequenceEncoderKind
{
    /// <summary>1-D convolutions over token embeddings, then a dense layer (Gómez-Bombarelli et al. 2018): fast on a CPU.</summary>
    Conv,
    /// <summary>A bidirectional GRU over token embeddings (its final states).</summary>
    Gru,
}

/// <summary>
/// Token sequences: a convolutional or bidirectional-GRU encoder over embeddings and an autoregressive
/// GRU decoder with z at every step, scored by the categorical likelihood.
/// </summary>
public sealed record SequenceNetwork : NetworkOptions
{
    public SequenceEncoderKind Encoder { get; init; } = SequenceEncoderKind.Conv;

    /// <summary>The convolutional encoder's dense layer (its first width is used).</summary>
    public int[] Hidden { get; init => field = Positive(value, nameof(Hidden)); } = [256];

    /// <summary>Channels of the convolutional encoder (kernel width 9); null is 64,64,64.</summary>
    public int[]? Channels { get; init; }

    /// <summary>Width of the token embeddings (encoder and decoder each have their own).</summary>
    public int Embedding { get; init => field = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(Embedding), value, "Embedding: must be ≥ 1."); } = 64;

    /// <summary>Hidden size of the encoder's and the decoder's GRUs.</summary>
    public int GruHidden { get; init => field = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(GruHidden), value, "GruHidden: must be ≥ 1."); } = 256;

    /// <summary>Stacked GRU layers in the encoder and the decoder.</summary>
    public int GruLayers { get; init => field = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(GruLayers), value, "GruLayers: must be ≥ 1."); } = 1;

    /// <summary>Probability that a teacher-forced decoder input is replaced by &lt;unk&gt; during training (Bowman et al. 2016); 0 turns it off.</summary>
    public double WordDropout { get; init => field = value is >= 0 and < 1 ? value : throw new ArgumentOutOfRangeException(nameof(WordDropout), value, "WordDropout: must be in [0, 1)."); }

    public override IReadOnlyList<int> HiddenWidths() => Hidden;

    public override NetworkPair Build(ModelOptions o, int paramsPerValue)
    {
        (nn.Module<Tensor, Tensor> encoder, int features) = Encoder switch
        {
            SequenceEncoderKind.Gru => Gru(new GruEncoder(o.Classes, Embedding, GruHidden, GruLayers)),
            _ => Conv(new ConvSequenceEncoder(o.Classes, o.Input.Size, Embedding, Channels ?? [64, 64, 64], 9, Hidden[0])),
        };
        var decoder = new GruDecoder(o.DecoderInputSize, o.Classes, o.Input.Size, Embedding, GruHidden, GruLayers, WordDropout);
        return new NetworkPair(encoder, features, decoder);

        static (nn.Module<Tensor, Tensor>, int) Gru(GruEncoder e) => (e, e.OutputSize);
        static (nn.Module<Tensor, Tensor>, int) Conv(ConvSequenceEncoder e) => (e, e.OutputSize);
    }

    public override void Validate(ModelOptions model)
    {
        if (model.Likelihood != LikelihoodKind.Categorical) throw new VaeException($"a sequence model scores tokens with the categorical likelihood, not {model.Likelihood}.");
        if (model.PixelCnn is not null || model.Shortcut != Shortcut.None || model.ConditionEncoder)
            throw new VaeException("a sequence model has its own GRU decoder (z at every step); it takes no --decoder, --shortcut, --z-injection or encoder conditions.");
        if (model.Input.Size < 2) throw new VaeException($"a sequence model needs sequences of at least 2 tokens, not {model.Input.Size}.");
    }

    public override long DecoderActivationsPerRow(DataShape input) => 4L * (Hidden.Sum() + input.Size);
}
