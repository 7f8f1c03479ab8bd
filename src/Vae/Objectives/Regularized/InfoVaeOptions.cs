using System.Text.Json.Serialization;
using Vae.Models;

namespace Vae.Objectives;

/// <summary>
/// InfoVAE with the MMD divergence (Zhao et al. 2019, "InfoVAE: balancing learning and inference in variational
/// autoencoders"): −E_q[log p(x|z)] + (1 − α)·KL(q(z|x) ‖ p(z)) + (α + λ − 1)·MMD²(q(z), p(z)). α = 0, λ = 1 is the
/// ELBO; α = 1 drops the KL (the MMD-VAE). Needs a VAE.
/// </summary>
public sealed record InfoVaeOptions : ObjectiveFamilyOptions
{
    public override string Name => "info-vae";

    /// <summary>α ≤ 1: the KL is weighted by 1 − α (default 0: the full KL).</summary>
    public double Alpha { get; init => field = value <= 1 && double.IsFinite(value) ? value : throw new ArgumentOutOfRangeException(nameof(Alpha), value, "Alpha: must be a finite number ≤ 1 (the KL's weight is 1 − α)."); }

    /// <summary>λ ≥ 0: the MMD is weighted by α + λ − 1 (default 1000, so the MMD weighs about as much as the reconstruction).</summary>
    public double Lambda { get; init => field = value >= 0 && double.IsFinite(value) ? value : throw new ArgumentOutOfRangeException(nameof(Lambda), value, "Lambda: must be a finite number ≥ 0."); } = 1000;

    /// <summary>The MMD's kernel (default the inverse multiquadratic).</summary>
    public MmdKernel Kernel { get; init; } = MmdKernel.Imq;

    /// <summary>The weight of the KL: 1 − α.</summary>
    [JsonIgnore]
    public double KlWeight => 1 - Alpha;

    /// <summary>The weight of the MMD: α + λ − 1.</summary>
    [JsonIgnore]
    public double MmdWeight => Alpha + Lambda - 1;

    public override Objective Create(ObjectiveOptions options, ModelOptions model, long datasetSize, long seed) => new InfoVaeObjective(options, this);

    public override void Validate(ObjectiveOptions options, ModelOptions model)
    {
        RegularizedChecks.RequireVariational(model, Name);
        RegularizedChecks.NoKlSettings(options, Name, "weights the KL by 1 − α (set α with --info-alpha)");
        if (MmdWeight < 0)
            throw new VaeException($"--info-alpha {Alpha:G} --info-lambda {Lambda:G}: the MMD's weight α + λ − 1 = {MmdWeight:G} is negative (it would push q(z) away from the prior); make α + λ ≥ 1.");
    }
}
