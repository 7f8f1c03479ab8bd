using Vae.Distributions;
using static TorchSharp.torch;

namespace Vae.Models;

/// <summary>
/// q(z|x) of a VQ-VAE: a point mass at the nearest codebook vectors of the encoder's outputs. <see cref="Mean"/> is
/// z_q with the straight-through gradient (z_e + sg[e − z_e]: the value of the codes, the gradient of the identity to
/// the encoder); <see cref="Encoded"/> is z_e, <see cref="Quantized"/> the codes e (differentiable in the codebook) and
/// <see cref="Indices"/> which entries they are. Holds references to tensors in the caller's dispose scope.
/// </summary>
public sealed class QuantizedPosterior(Tensor encoded, Tensor quantized, Tensor indices) : Posterior
{
    /// <summary>z_e, the encoder's outputs: [B, L·e].</summary>
    public Tensor Encoded { get; } = encoded;

    /// <summary>e, the codebook vectors chosen (gradient to the codebook only): [B, L·e].</summary>
    public Tensor Quantized { get; } = quantized;

    /// <summary>The codebook entries chosen, position by position in raster order: [B, L] (int64).</summary>
    public Tensor Indices { get; } = indices;

    public override Tensor Mean { get; } = encoded + (quantized - encoded).detach();

    public override Tensor StdDev => zeros_like(Mean);

    public override bool IsPointMass => true;

    public override Tensor Sample(Generator? generator = null) => Mean;

    public override Tensor Sample(long k, Generator? generator = null) => Mean.unsqueeze(0).expand([k, .. Mean.shape]);

    public override Tensor LogProb(Tensor z) => throw new InvalidOperationException("a VQ-VAE's posterior is a point mass: it has no density.");

    public override Tensor KlToStandardNormal() => throw new InvalidOperationException("a VQ-VAE has no KL to a Gaussian prior (its prior is over codes).");

    public override Tensor KlToStandardNormalPerDim() => zeros_like(Mean);
}
