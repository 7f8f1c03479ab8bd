using Vae.Distributions;
using static TorchSharp.torch;

namespace Vae.Models;

/// <summary>
/// The prior a VQ-VAE is trained under: every code grid equally likely, p(k) = K^−L. Its KL to the point-mass
/// posterior is the constant L log K, which the paper leaves out of training, as here. <see cref="Sample"/> draws
/// uniform codes and returns their codebook vectors. It is a distribution over codes, not a density over z:
/// <see cref="LogProb"/> throws.
/// </summary>
public sealed class UniformCodePrior(VectorQuantizer quantizer) : Prior
{
    public override Tensor LogProb(Tensor z) =>
        throw new InvalidOperationException($"a VQ-VAE's prior is over codes (each grid has probability K^−L = e^−{quantizer.Options.Positions * Math.Log(quantizer.Options.Codes):F1}); it has no density over z.");

    // [n, L·e]: L uniform codes per draw
    public override Tensor Sample(long n, long latent, Device device, Generator? generator = null)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var indices = (rand([n, quantizer.Options.Positions], generator: generator, device: device) * quantizer.Options.Codes).to(ScalarType.Int64).clamp_max(quantizer.Options.Codes - 1);
        return quantizer.Embed(indices).MoveToOuterDisposeScope();
    }

    public override (Tensor Total, Tensor PerDim) Kl(Posterior q, Tensor z, Tensor? logQ = null) =>
        throw new InvalidOperationException("a VQ-VAE's posterior is a point mass; its KL to the uniform code prior is the constant L log K and is not part of the loss.");

    public override bool NeedsLogQ(Posterior q) => false;
}
