using static TorchSharp.torch;

namespace Vae.Objectives;

/// <summary>
/// PIWAE (Rainforth et al. 2018): from the same M·K draws, the generative network (decoder, likelihood, a learned prior)
/// is trained on IWAE_{M·K} and the inference network (<see cref="Models.VaeModel.EncoderParameters"/>) on MIWAE_{M,K}
/// (<see cref="ObjectiveValue.EncoderLoss"/>): a tighter bound for p, a better gradient signal for q. Reported as
/// iw_bound (IWAE_{M·K}) and miwae_bound.
/// </summary>
public sealed record PiwaeOptions : ImportanceWeightedOptions
{
    /// <summary>M: the inference network's independent bounds of K samples each (Rainforth et al. use M = K = 8).</summary>
    public int Groups { get; init => field = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(Groups), value, "Groups: must be ≥ 1."); } = 4;

    public override string Name => "piwae";

    public override int Draws => Groups * Samples;

    public override IReadOnlyList<string> TermNames => ["iw_bound", "miwae_bound"];

    public override ObjectiveValue Value(Tensor logWeights)
    {
        var iwae = LogWeightBounds.Iwae(logWeights).mean();
        var miwae = LogWeightBounds.Miwae(logWeights, Groups).mean();
        return new ObjectiveValue(-iwae, [iwae.detach(), miwae.detach()]) { EncoderLoss = -miwae };
    }
}
