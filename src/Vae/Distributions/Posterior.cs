using static TorchSharp.torch;

namespace Vae.Distributions;

/// <summary>Which family q(z|x) belongs to.</summary>
public enum PosteriorKind
{
    /// <summary>N(μ, diag σ²): d means and d log-variances.</summary>
    Diagonal,
    /// <summary>N(μ, L Lᵀ) with L lower-triangular (positive diagonal): d + d(d+1)/2 outputs; can represent correlated posteriors.</summary>
    FullCovariance,
    /// <summary>A point mass at μ(x): the deterministic autoencoder (d outputs, no KL).</summary>
    PointMass,
}

/// <summary>
/// The approximate posterior q(z|x) of a batch: a Gaussian over the last dimension. Holds references
/// to tensors in the caller's dispose scope; does not own them.
/// </summary>
public abstract class Posterior
{
    protected static readonly double Log2Pi = Math.Log(2 * Math.PI);

    /// <summary>μ: [B, d].</summary>
    public abstract Tensor Mean { get; }

    /// <summary>Marginal standard deviations: [B, d].</summary>
    public abstract Tensor StdDev { get; }

    /// <summary>True for the deterministic autoencoder's "posterior" (a point mass at μ).</summary>
    public virtual bool IsPointMass => false;

    /// <summary>One reparameterized sample z = μ + (scale) ε: [B, d], differentiable in the parameters.</summary>
    public abstract Tensor Sample(Generator? generator = null);

    /// <summary>K reparameterized samples: [K, B, d].</summary>
    public abstract Tensor Sample(long k, Generator? generator = null);

    /// <summary>log q(z), summed over the last dimension; z may have extra leading sample dimensions.</summary>
    public abstract Tensor LogProb(Tensor z);

    /// <summary>
    /// One sample and its log q(z): ([B, d], [B]). A posterior that can score only its own samples (a
    /// normalizing flow: log q(z_K) = log q₀(z₀) − Σ log|det ∂f/∂z|) overrides this; the rest draw and score.
    /// </summary>
    public virtual (Tensor Z, Tensor LogProb) SampleWithLogProb(Generator? generator = null)
    {
        var z = Sample(generator);
        return (z, LogProb(z));
    }

    /// <summary>K samples and their log q: ([K, B, d], [K, B]) (see <see cref="SampleWithLogProb(Generator?)"/>).</summary>
    public virtual (Tensor Z, Tensor LogProb) SampleWithLogProb(long k, Generator? generator = null)
    {
        var z = Sample(k, generator);
        return (z, LogProb(z));
    }

    /// <summary>
    /// Whether <see cref="KlToStandardNormal"/> is exact. False for posteriors without a closed-form KL (flows,
    /// a second stochastic layer): the ELBO then uses the Monte Carlo KL log q(z) − log p(z) at the sample, and
    /// <see cref="KlToStandardNormalPerDim"/> is the posterior's own approximation, for diagnostics only.
    /// </summary>
    public virtual bool HasClosedFormKl => true;

    /// <summary>KL(q ‖ N(0, I)) per example, in closed form: [B].</summary>
    public abstract Tensor KlToStandardNormal();

    /// <summary>
    /// KL per latent dimension, [B, d]: for a diagonal Gaussian these sum to the KL; for a full
    /// covariance they are the KLs of the marginals q(z_j|x), which sum to the KL minus the total
    /// correlation of q.
    /// </summary>
    public abstract Tensor KlToStandardNormalPerDim();
}
