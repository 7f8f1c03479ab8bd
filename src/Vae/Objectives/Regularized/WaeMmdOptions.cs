using Vae.Models;

namespace Vae.Objectives;

/// <summary>
/// WAE-MMD (Tolstikhin et al. 2018, "Wasserstein auto-encoders"): −log p(x|z) + λ·MMD²(q(z), p(z)), the MMD between the
/// batch's codes and as many prior draws (<see cref="Mmd"/>). The encoder may be deterministic (the paper's choice:
/// <c>--model ae</c>) or a Gaussian (<c>--model mlp</c>); the KL is not part of the loss.
/// </summary>
public sealed record WaeMmdOptions : ObjectiveFamilyOptions
{
    public override string Name => "wae-mmd";

    /// <summary>λ, the weight of the MMD (default 10, the paper's value for MNIST).</summary>
    public double MmdWeight { get; init => field = value >= 0 && double.IsFinite(value) ? value : throw new ArgumentOutOfRangeException(nameof(MmdWeight), value, "MmdWeight: must be a finite number ≥ 0."); } = 10;

    /// <summary>The MMD's kernel (default the inverse multiquadratic, as in the paper).</summary>
    public MmdKernel Kernel { get; init; } = MmdKernel.Imq;

    public override Objective Create(ObjectiveOptions options, ModelOptions model, long datasetSize, long seed) => new WaeMmdObjective(options, this);

    public override void Validate(ObjectiveOptions options, ModelOptions model) =>
        RegularizedChecks.NoKlSettings(options, Name, "has no KL term (its regularizer is λ·MMD, set with --mmd-weight)");
}
