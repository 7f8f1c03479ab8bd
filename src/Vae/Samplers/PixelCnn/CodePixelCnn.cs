using TorchSharp;
using TorchSharp.Modules;
using Vae.Nn;
using static TorchSharp.torch;

namespace Vae.Samplers;

/// <summary>
/// An autoregressive prior over a G×G grid of codes from K (van den Oord et al. 2016, as the VQ-VAE paper uses it):
/// p(k) = Π_i p(k_i | k_&lt;i), positions in raster order. Each code is embedded, a type-A masked convolution
/// (<see cref="MaskedConv2d"/>) of size 2G−1 sees every earlier position of the grid (no blind spot) and never
/// position i itself, residual 3×3 type-B layers follow, and a 1×1 convolution gives the K logits of each position.
/// </summary>
public sealed class CodePixelCnn : nn.Module<Tensor, Tensor>
{
    private readonly Embedding embedding;               // code -> [F]
    private readonly MaskedConv2d first;                // type A, (2G−1)×(2G−1)
    private readonly ModuleList<MaskedConv2d> layers;   // type B, 3×3
    private readonly Conv2d output;                     // [F] -> K logits

    public CodePixelCnn(int codes, int grid, PixelCnnPriorOptions options, Generator generator) : base(nameof(CodePixelCnn))
    {
        Codes = codes;
        Grid = grid;
        CheckedConvolution.Prepare();
        embedding = nn.Embedding(codes, options.Features);
        first = new MaskedConv2d(options.Features, options.Features, 2 * grid - 1, typeA: true);
        layers = new ModuleList<MaskedConv2d>();
        for (int i = 0; i < options.Layers; i++) layers.Add(new MaskedConv2d(options.Features, options.Features, 3, typeA: false));
        output = nn.Conv2d(options.Features, codes, 1);
        RegisterComponents();
        ParameterInit.Reset(this, generator);   // the masked convolutions after the other layers (ISelfInitializing)
    }

    public int Codes { get; }

    public int Grid { get; }

    public int Positions => Grid * Grid;

    // codes: [B, L] (int64, raster order) -> logits [B, L, K]; position i's logits depend only on codes before i
    public override Tensor forward(Tensor codes)
    {
        long b = codes.shape[0];
        var h = embedding.call(codes.view(b, Grid, Grid)).permute(0, 3, 1, 2);   // [B, F, G, G]
        h = nn.functional.relu(first.call(h));
        foreach (var layer in layers) h = h + nn.functional.relu(layer.call(h));
        return CheckedConvolution.Run([output], h).flatten(2).transpose(1, 2);
    }

    /// <summary>log p(k) of code grids [B, L]: the sum over positions of log p(k_i | k_&lt;i), [B].</summary>
    public Tensor LogProb(Tensor codes) =>
        nn.functional.log_softmax(forward(codes), dim: -1).gather(-1, codes.unsqueeze(-1)).squeeze(-1).sum(-1);

    /// <summary>n code grids [n, L] drawn position by position, each code from p(k_i | k_&lt;i) with <paramref name="generator"/>.</summary>
    public Tensor Sample(long n, Device device, Generator? generator = null)
    {
        using var noGrad = no_grad();
        var canvas = zeros([n, Positions], dtype: ScalarType.Int64, device: device);
        for (int i = 0; i < Positions; i++)
        {
            using var scope = NewDisposeScope();
            var probs = nn.functional.softmax(forward(canvas).select(1, i), dim: -1);   // [n, K]
            canvas.select(1, i).copy_(probs.multinomial(1, generator: generator).squeeze(1));
        }
        return canvas;
    }
}
