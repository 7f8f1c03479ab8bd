using static TorchSharp.torch;

namespace Vae.Objectives;

/// <summary>
/// CIWAE (Rainforth et al. 2018): β·ELBO + (1 − β)·IWAE_K from the same K samples, the ELBO being the mean of their log
/// weights. β = 1 is the (K-sample Monte Carlo) ELBO, β = 0 IWAE. Reported as ciwae_bound, with iw_bound and elbo_bound.
/// </summary>
public sealed record CiwaeOptions : ImportanceWeightedOptions
{
    /// <summary>β in [0, 1]: the ELBO's weight (Rainforth et al. recommend β ≈ 0.5).</summary>
    public double Beta { get; init => field = value is >= 0 and <= 1 ? value : throw new ArgumentOutOfRangeException(nameof(Beta), value, "Beta: must be in [0, 1]."); } = 0.5;

    public override string Name => "ciwae";

    public override IReadOnlyList<string> TermNames => ["ciwae_bound", "iw_bound", "elbo_bound"];

    public override ObjectiveValue Value(Tensor logWeights)
    {
        var elbo = LogWeightBounds.Elbo(logWeights).mean();
        var iwae = LogWeightBounds.Iwae(logWeights).mean();
        var bound = Beta * elbo + (1 - Beta) * iwae;
        return new ObjectiveValue(-bound, [bound.detach(), iwae.detach(), elbo.detach()]);
    }
}
