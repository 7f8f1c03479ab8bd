using Vae.Distributions;
using Vae.Models;
using static TorchSharp.torch;

namespace Vae.Objectives;

/// <summary>
/// DIP-VAE (Kumar et al. 2018, "Variational inference of disentangled latent concepts from unlabeled
/// observations"): the (β-weighted) ELBO plus λ_od Σ_{i≠j} C_ij² + λ_d Σ_i (C_ii − 1)², with C the minibatch
/// covariance of the posterior means, Cov[μ(x)] (DIP-VAE-I), or of the aggregate posterior,
/// Cov_q(z) = E[Σ(x)] + Cov[μ(x)] (DIP-VAE-II). Covariances divide by M (the minibatch's own moments).
/// </summary>
public sealed class DipVaeObjective(ObjectiveOptions options) : Objective(options)
{
    DisentanglingOptions O => Options.Disentangling!;

    public override IReadOnlyList<string> TermNames => ["dip"];

    public override ObjectiveValue Evaluate(ElboTerms terms, TrainingClock clock)
    {
        var cov = Covariance(terms.Posterior, aggregate: O.Kind == ObjectiveKind.DipVaeII);
        var penalty = Penalty(cov, O.DipOffDiagonal, O.DipDiagonalWeight);
        return new(Loss(terms, KlWeight(clock)) + penalty, [penalty]);
    }

    /// <summary>Cov[μ(x)] over the batch, plus E[Σ(x)] when <paramref name="aggregate"/>: [d, d].</summary>
    public static Tensor Covariance(Posterior q, bool aggregate)
    {
        var mu = q.Mean;                                                  // [M, d]
        var centered = mu - mu.mean([0], keepdim: true);
        var cov = centered.transpose(0, 1).matmul(centered) / mu.shape[0];
        if (!aggregate) return cov;
        var expected = q switch
        {
            FullCovarianceGaussian full => full.Covariance.mean([0]),
            _ => diag(q.StdDev.square().mean([0])),
        };
        return cov + expected;
    }

    /// <summary>λ_od Σ_{i≠j} C_ij² + λ_d Σ_i (C_ii − 1)².</summary>
    public static Tensor Penalty(Tensor cov, double offDiagonal, double diagonal)
    {
        var d = cov.diagonal();
        var off = cov - diag(d);
        return offDiagonal * off.square().sum() + diagonal * (d - 1).square().sum();
    }
}
