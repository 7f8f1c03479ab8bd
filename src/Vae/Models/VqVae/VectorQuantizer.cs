using TorchSharp;
using TorchSharp.Modules;
using Vae.Distributions;
using Vae.Nn;
using static TorchSharp.torch;

namespace Vae.Models;

/// <summary>
/// The quantizer of a VQ-VAE (van den Oord et al. 2017), a <see cref="PosteriorExtension"/> on a point-mass model:
/// the head's output z_e [B, L·e] is read as L code vectors of size e, each replaced by its nearest entry of the
/// codebook [K, e] (squared Euclidean distance; the first of equals), with the straight-through gradient to the
/// encoder (<see cref="QuantizedPosterior"/>). <see cref="Penalty"/> is the codebook and commitment loss
/// ‖sg[z_e] − e‖² + β‖z_e − sg[e]‖² per example. The prior is uniform over the codes
/// (<see cref="UniformCodePrior"/>); the PixelCNN sampler learns a better one after training.
/// </summary>
public sealed class VectorQuantizer : PosteriorExtension, ISelfInitializing
{
    private readonly Parameter codebook;   // [K, e]

    public VectorQuantizer(VectorQuantizerOptions options) : base(nameof(VectorQuantizer))
    {
        Options = options;
        codebook = new Parameter(zeros(options.Codes, options.CodeSize));
        register_parameter(nameof(codebook), codebook);
    }

    public VectorQuantizerOptions Options { get; }

    /// <summary>The codebook [K, e] (the parameter itself).</summary>
    public Tensor Codebook => codebook;

    /// <summary>Uniform in ±1/K, as the reference implementations draw it: every code starts near the origin, so the first assignments follow the encoder's directions.</summary>
    public void Reset(Generator generator)
    {
        using var noGrad = no_grad();
        codebook.uniform_(-1.0 / Options.Codes, 1.0 / Options.Codes, generator);
    }

    /// <summary>The nearest codebook entry of each row: vectors [N, e] → indices [N] (int64).</summary>
    public Tensor Assign(Tensor vectors)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var c = codebook.detach();
        // ‖v − c‖² = ‖v‖² − 2 v·c + ‖c‖²; ‖v‖² is the same for every entry, so it does not change the argmin.
        var distances = c.square().sum(-1).unsqueeze(0) - 2 * vectors.matmul(c.t());   // [N, K]
        return distances.argmin(dim: 1).MoveToOuterDisposeScope();
    }

    /// <summary>The codebook vectors of code grids: indices [n, L] → z [n, L·e] (differentiable in the codebook).</summary>
    public Tensor Embed(Tensor indices) => codebook.index_select(0, indices.flatten()).view(indices.shape[0], -1);

    // q0: the head's point mass at z_e [B, L·e] -> the point mass at the nearest codes (straight-through to z_e)
    public override Posterior Extend(Posterior q0, Tensor features)
    {
        var encoded = q0.Mean;
        long b = encoded.shape[0];
        var indices = Assign(encoded.reshape(-1, Options.CodeSize)).view(b, Options.Positions);
        return new QuantizedPosterior(encoded, Embed(indices), indices);
    }

    public override Prior ExtendPrior(Prior top) => new UniformCodePrior(this);

    // ‖sg[z_e] − e‖² (moves the codebook) + β‖z_e − sg[e]‖² (commits the encoder), summed over the L·e values: [B]
    public override Tensor? Penalty(Posterior q)
    {
        var quantized = q as QuantizedPosterior ?? throw new ArgumentException("the quantizer's penalty needs the posterior it made.", nameof(q));
        var codebookLoss = (quantized.Encoded.detach() - quantized.Quantized).square().sum(-1);
        var commitment = (quantized.Encoded - quantized.Quantized.detach()).square().sum(-1);
        return codebookLoss + Options.Commitment * commitment;
    }
}
