using static TorchSharp.torch;

namespace Vae.Objectives;

/// <summary>
/// MIWAE (Rainforth et al. 2018): the mean of M independent IWAE bounds of K samples each (M·K draws). M = 1 is IWAE,
/// K = 1 the ELBO averaged over M samples. Reported as miwae_bound, with iw_bound = IWAE_{M·K} of the same draws.
/// </summary>
public sealed record MiwaeOptions : ImportanceWeightedOptions
{
    /// <summary>M: independent bounds averaged (Rainforth et al. use M = 8 with K = 8).</summary>
    public int Groups { get; init => field = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(Groups), value, "Groups: must be ≥ 1."); } = 4;

    public override string Name => "miwae";

    public override int Draws => Groups * Samples;

    public override IReadOnlyList<string> TermNames => ["miwae_bound", "iw_bound"];

    public override ObjectiveValue Value(Tensor logWeights)
    {
        var bound = LogWeightBounds.Miwae(logWeights, Groups).mean();
        return new ObjectiveValue(-bound, [bound.detach(), LogWeightBounds.Iwae(logWeights).mean().detach()]);
    }
}
