using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Vae.Nn;

/// <summary>
/// A 1-D convolutional encoder over token embeddings (the encoder of Gómez-Bombarelli et al. 2018):
/// token ids [B, T] → embeddings [B, E, T] → convolutions of odd width k, padded to keep the length
/// (ReLU) → flattened → a dense ReLU layer [B, F]. Much cheaper on a CPU than a recurrent encoder, as
/// every position is computed at once.
/// </summary>
public sealed class ConvSequenceEncoder : nn.Module<Tensor, Tensor>
{
    private readonly Embedding embedding;
    private readonly ModuleList<Conv1d> convs;
    private readonly Linear dense;

    public ConvSequenceEncoder(int classes, int length, int embeddingSize, IReadOnlyList<int> channels, int kernel, int features) : base(nameof(ConvSequenceEncoder))
    {
        if (channels.Count == 0) throw new ArgumentException("give at least one convolution.", nameof(channels));
        if (kernel < 1 || kernel % 2 == 0) throw new ArgumentOutOfRangeException(nameof(kernel), kernel, "the kernel width must be odd.");
        Runtime.UseCheckedConvolutions();   // oneDNN's conv1d input gradients came out NaN here (the embedding's gradient) when nothing else had turned it off
        embedding = nn.Embedding(classes, embeddingSize);
        convs = new ModuleList<Conv1d>();
        int width = embeddingSize;
        foreach (int c in channels)
        {
            convs.Add(nn.Conv1d(width, c, kernel, padding: kernel / 2));
            width = c;
        }
        dense = nn.Linear(width * length, features);
        OutputSize = features;
        RegisterComponents();
    }

    public int OutputSize { get; }

    // x: [B, T] token ids (floats) -> [B, F]
    public override Tensor forward(Tensor x)
    {
        var h = embedding.call(x.to(ScalarType.Int64)).transpose(1, 2);   // [B, E, T]
        foreach (var conv in convs) h = nn.functional.relu(conv.call(h));   // [B, C, T']
        return nn.functional.relu(dense.call(h.flatten(1)));
    }
}
