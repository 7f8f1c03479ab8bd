using Vae.Models;

namespace Vae.Objectives;

/// <summary>RAE-L2: reconstruction + β·½‖z‖² + λ·‖θ_dec‖², the sum of squares of every decoder parameter.</summary>
public sealed record RaeL2Options : RaeOptions
{
    public override string Name => "rae-l2";

    /// <summary>λ, the weight of ‖θ_dec‖² (default 1e-7, pythae's).</summary>
    public double DecoderDecay { get; init => field = value >= 0 && double.IsFinite(value) ? value : throw new ArgumentOutOfRangeException(nameof(DecoderDecay), value, "DecoderDecay: must be a finite number ≥ 0."); } = 1e-7;

    public override Objective Create(ObjectiveOptions options, ModelOptions model, long datasetSize, long seed) => new RaeL2Objective(options, this);
}
