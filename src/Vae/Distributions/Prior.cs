using static TorchSharp.torch;

namespace Vae.Distributions;

/// <summary>
/// The prior p(z) of a model: its density, samples, and the KL of a posterior to it as the ELBO uses it.
/// The standard normal is the one today; a VampPrior or a mixture is a new implementation.
/// </summary>
public abstract class Prior
{
    /// <summary>log p(z) summed over the last dimension; z may have leading sample dimensions.</summary>
    public abstract Tensor LogProb(Tensor z);

    /// <summary>
    /// log p(z) as a sum over the last dimension by the chain rule: [.., d] with entry j = log p(z_j | z_&lt;j), which
    /// sum to <see cref="LogProb"/> (for a factorized prior, log p(z_j)). A hierarchy's per-dimension KL uses it.
    /// </summary>
    public virtual Tensor LogProbPerDim(Tensor z) => throw new NotSupportedException($"{GetType().Name} does not split log p(z) by dimension.");

    /// <summary>n draws: [n, d].</summary>
    public abstract Tensor Sample(long n, long latent, Device device, Generator? generator = null);

    /// <summary>
    /// KL(q ‖ p) per example [B] and per latent dimension [B, d]; where no closed form exists, the one-sample
    /// Monte Carlo estimate log q(z) − log p(z) at the sample z ~ q, whose log q(z) is <paramref name="logQ"/>
    /// (<see cref="NeedsLogQ"/> says when it must be given).
    /// </summary>
    public abstract (Tensor Total, Tensor PerDim) Kl(Posterior q, Tensor z, Tensor? logQ = null);

    /// <summary>
    /// <see cref="Kl"/> as training uses it: the total now and the per-dimension terms only when read (a training step
    /// reads them only with free bits). A prior whose per-dimension terms cost more than its total (a mixture's chain
    /// rule, a hierarchy's second pass of q(z₂|z₁)) computes the total alone, log q(z) − log p(z), and the terms from
    /// <see cref="Kl"/> when asked; the terms are then created in the dispose scope current when they are read.
    /// </summary>
    public virtual (Tensor Total, Lazy<Tensor> PerDim) KlTerms(Posterior q, Tensor z, Tensor? logQ = null)
    {
        var (total, perDim) = Kl(q, z, logQ);
        return (total, new Lazy<Tensor>(perDim));
    }

    /// <summary><see cref="KlTerms"/> for a prior whose total is the Monte Carlo log q(z) − log p(z), cheaper than its per-dimension terms.</summary>
    protected (Tensor Total, Lazy<Tensor> PerDim) MonteCarloKlTerms(Posterior q, Tensor z, Tensor? logQ) =>
        (MonteCarloKl(z, logQ), new Lazy<Tensor>(() => Kl(q, z, logQ).PerDim));

    /// <summary>Whether <see cref="Kl"/> of <paramref name="q"/> needs log q(z) at the sample (no closed form for this pair).</summary>
    public virtual bool NeedsLogQ(Posterior q) => !q.HasClosedFormKl;

    /// <summary>log q(z) − log p(z), or a clear error when the caller did not give log q(z).</summary>
    protected Tensor MonteCarloKl(Tensor z, Tensor? logQ) =>
        (logQ ?? throw new ArgumentNullException(nameof(logQ), "this KL has no closed form: pass log q(z) at the sample (Posterior.SampleWithLogProb).")) - LogProb(z);

    public static readonly Prior StandardNormal = new StandardNormalPrior();

    /// <summary>N(0, I), with the KL in closed form.</summary>
    sealed class StandardNormalPrior : Prior
    {
        public override Tensor LogProb(Tensor z) => Distributions.StandardNormal.LogProb(z);

        public override Tensor LogProbPerDim(Tensor z) => -0.5 * (z * z + Math.Log(2 * Math.PI));

        public override Tensor Sample(long n, long latent, Device device, Generator? generator = null) =>
            Distributions.StandardNormal.Sample(n, latent, device, generator);

        // Diagonal: the per-dimension KLs sum to the KL; a full covariance's KL is its own (the marginals' KLs leave out q's total correlation).
        // Without a closed form (a flow), the Monte Carlo KL, with the posterior's own per-dimension approximation.
        public override (Tensor Total, Tensor PerDim) Kl(Posterior q, Tensor z, Tensor? logQ = null)
        {
            var perDim = q.KlToStandardNormalPerDim();
            if (!q.HasClosedFormKl) return (MonteCarloKl(z, logQ), perDim);
            return (q is DiagonalGaussian ? perDim.sum(-1) : q.KlToStandardNormal(), perDim);
        }
    }
}
