using static TorchSharp.torch;

namespace Vae.Objectives;

/// <summary>
/// IWAE (Burda et al. 2015): maximise L_K = E[log (1/K) Σ_k p(x, z_k) / q(z_k|x)], z_k ~ q(z|x) reparameterized. L_1 is
/// the ELBO; L_K rises with K towards log p(x). Reported as iw_bound.
/// </summary>
public sealed record IwaeOptions : ImportanceWeightedOptions
{
    public override string Name => "iwae";

    public override IReadOnlyList<string> TermNames => ["iw_bound"];

    public override ObjectiveValue Value(Tensor logWeights)
    {
        var bound = LogWeightBounds.Iwae(logWeights).mean();
        return new ObjectiveValue(-bound, [bound.detach()]);
    }
}
