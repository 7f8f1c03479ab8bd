using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Vae.Nn;

/// <summary>
/// A bidirectional GRU over token embeddings (the encoder of a sequence VAE): token ids
/// [B, T] → the final hidden states of the last layer's two directions, concatenated [B, 2H].
/// </summary>
public sealed class GruEncoder : nn.Module<Tensor, Tensor>
{
    private readonly Embedding embedding;
    private readonly GRU gru;

    public GruEncoder(int classes, int embeddingSize, int hidden, int layers) : base(nameof(GruEncoder))
    {
        embedding = nn.Embedding(classes, embeddingSize);
        gru = nn.GRU(embeddingSize, hidden, numLayers: layers, batchFirst: true, bidirectional: true);
        OutputSize = 2 * hidden;
        RegisterComponents();
    }

    public int OutputSize { get; }

    // x: [B, T] token ids (floats) -> [B, 2H]
    public override Tensor forward(Tensor x)
    {
        var (_, last) = gru.call(embedding.call(x.to(ScalarType.Int64)), null);   // last: [layers·2, B, H]
        long n = last.shape[0];
        return cat([last[n - 2], last[n - 1]], dim: -1);
    }
}
