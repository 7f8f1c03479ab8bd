namespace Vae.Objectives;

/// <summary>
/// Regularized autoencoders (Ghosh et al. 2020, "From variational to deterministic autoencoders"): a deterministic
/// encoder, the reconstruction loss, β·½‖z‖² on the codes, and a regularizer of the decoder that keeps it smooth
/// (<see cref="RaeL2Options"/>: weight decay; <see cref="RaeGpOptions"/>: a gradient penalty). Sampling needs a density
/// fitted to the codes after training.
/// </summary>
public abstract record RaeOptions : ObjectiveFamilyOptions
{
    /// <summary>β, the weight of ½‖z‖² (default 1e-4, pythae's).</summary>
    public double LatentWeight { get; init => field = value >= 0 && double.IsFinite(value) ? value : throw new ArgumentOutOfRangeException(nameof(LatentWeight), value, "LatentWeight: must be a finite number ≥ 0."); } = 1e-4;

    public override void Validate(ObjectiveOptions options, Models.ModelOptions model)
    {
        RegularizedChecks.RequirePointMass(model, Name);
        RegularizedChecks.NoKlSettings(options, Name, "has no KL term (its regularizers are β·½‖z‖² and the decoder's)");
    }
}
