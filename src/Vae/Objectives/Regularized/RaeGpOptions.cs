using Vae.Models;

namespace Vae.Objectives;

/// <summary>RAE-GP: reconstruction + β·½‖z‖² + λ·‖∇_z Σ_i D_i(z)‖², a gradient penalty on the decoded mean D(z).</summary>
public sealed record RaeGpOptions : RaeOptions
{
    public override string Name => "rae-gp";

    /// <summary>λ, the weight of the gradient penalty (default 1e-7, pythae's).</summary>
    public double GradientPenalty { get; init => field = value >= 0 && double.IsFinite(value) ? value : throw new ArgumentOutOfRangeException(nameof(GradientPenalty), value, "GradientPenalty: must be a finite number ≥ 0."); } = 1e-7;

    public override Objective Create(ObjectiveOptions options, ModelOptions model, long datasetSize, long seed) => new RaeGpObjective(options, this);
}
