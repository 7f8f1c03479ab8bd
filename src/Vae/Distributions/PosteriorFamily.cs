using static TorchSharp.torch;

namespace Vae.Distributions;

/// <summary>
/// The family of q(z|x): how many raw outputs the encoder's head gives per example, and how they become a
/// <see cref="Posterior"/>. A new family (a flow, say) is a new implementation; the model does not change.
/// </summary>
public abstract class PosteriorFamily
{
    /// <summary>Raw encoder outputs per example for latent dimension d.</summary>
    public abstract int RawSize(int latent);

    /// <summary>The posterior with raw parameters h [B, RawSize].</summary>
    public abstract Posterior FromRaw(Tensor raw, int latent);

    /// <summary>True for the autoencoder's point mass (no density, no KL).</summary>
    public virtual bool IsPointMass => false;

    public static PosteriorFamily For(PosteriorKind kind) => kind switch
    {
        PosteriorKind.FullCovariance => FullCovariance.Instance,
        PosteriorKind.PointMass => PointMass.Instance,
        PosteriorKind.Diagonal => Diagonal.Instance,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "no such posterior family"),
    };

    /// <summary>N(μ, diag σ²): μ then log σ² (clamped to <see cref="DiagonalGaussian.MinLogVariance"/>).</summary>
    sealed class Diagonal : PosteriorFamily
    {
        public static readonly Diagonal Instance = new();
        public override int RawSize(int latent) => 2 * latent;
        public override Posterior FromRaw(Tensor raw, int latent)
        {
            var parts = raw.chunk(2, dim: -1);
            return new DiagonalGaussian(parts[0], parts[1].clamp(DiagonalGaussian.MinLogVariance, DiagonalGaussian.MaxLogVariance));
        }
    }

    /// <summary>N(μ, L Lᵀ) (<see cref="FullCovarianceGaussian.FromRaw"/>).</summary>
    sealed class FullCovariance : PosteriorFamily
    {
        public static readonly FullCovariance Instance = new();
        public override int RawSize(int latent) => FullCovarianceGaussian.RawSize(latent);
        public override Posterior FromRaw(Tensor raw, int latent) => FullCovarianceGaussian.FromRaw(raw, latent);
    }

    /// <summary>A point mass at μ: the raw output is z itself.</summary>
    sealed class PointMass : PosteriorFamily
    {
        public static readonly PointMass Instance = new();
        public override int RawSize(int latent) => latent;
        public override Posterior FromRaw(Tensor raw, int latent) => DiagonalGaussian.PointMass(raw);
        public override bool IsPointMass => true;
    }
}
