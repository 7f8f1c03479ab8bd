using static TorchSharp.torch;

namespace Vae.Objectives;

/// <summary>Per example of a minibatch: the log densities the KL decomposition of β-TCVAE is made of, each [M].</summary>
public sealed record LogDensities(Tensor LogQzGivenX, Tensor LogQz, Tensor LogProductQz, Tensor LogPz)
{
    /// <summary>Index-code mutual information I(x; z) ≈ mean of log q(z|x) − log q(z).</summary>
    public Tensor MutualInformation => (LogQzGivenX - LogQz).mean();

    /// <summary>Total correlation KL(q(z) ‖ Π_j q(z_j)) ≈ mean of log q(z) − Σ_j log q(z_j).</summary>
    public Tensor TotalCorrelation => (LogQz - LogProductQz).mean();

    /// <summary>Dimension-wise KL Σ_j KL(q(z_j) ‖ p(z_j)) ≈ mean of Σ_j log q(z_j) − log p(z).</summary>
    public Tensor DimensionWiseKl => (LogProductQz - LogPz).mean();
}
