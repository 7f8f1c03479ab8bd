namespace Vae.Objectives;

/// <summary>
/// The settings of the β-VAE-family objectives (<see cref="ObjectiveKind"/>), stored in config.json
/// under objective.disentangling. Every field is kept whatever the kind; only the kind's own are used.
/// </summary>
public sealed record DisentanglingOptions
{
    public ObjectiveKind Kind { get; init; } = ObjectiveKind.Capacity;

    /// <summary>Capacity: the final capacity C_max, in nats (Burgess et al. use 25 on dSprites).</summary>
    public double CapacityMax { get; init => field = NonNegative(value, nameof(CapacityMax)); } = 25;

    /// <summary>Capacity: the weight γ on |KL − C| (1000 in the paper).</summary>
    public double CapacityGamma { get; init => field = NonNegative(value, nameof(CapacityGamma)); } = 1000;

    /// <summary>Capacity: how long C takes to rise from 0 to C_max, in <see cref="CapacityUnit"/>s.</summary>
    public double CapacityLength { get; init => field = value > 0 && double.IsFinite(value) ? value : throw new ArgumentOutOfRangeException(nameof(CapacityLength), value, "CapacityLength: must be a finite number > 0."); } = 10;

    public ScheduleUnit CapacityUnit { get; init; } = ScheduleUnit.Epochs;

    /// <summary>β-TCVAE: the weight β on the total correlation (the MI and dimension-wise KL keep weight 1).</summary>
    public double TcWeight { get; init => field = NonNegative(value, nameof(TcWeight)); } = 6;

    /// <summary>DIP-VAE: λ_od, the weight on the squared off-diagonal covariances.</summary>
    public double DipOffDiagonal { get; init => field = NonNegative(value, nameof(DipOffDiagonal)); } = 10;

    /// <summary>DIP-VAE: λ_d, the weight on the squared deviations of the variances from 1; null: 10·λ_od for DIP-VAE-I, λ_od for DIP-VAE-II (the paper's choices).</summary>
    public double? DipDiagonal { get; init => field = value is null ? null : (double?)NonNegative(value.Value, nameof(DipDiagonal)); }

    /// <summary>FactorVAE: the weight γ on the discriminator's total-correlation estimate.</summary>
    public double FactorGamma { get; init => field = NonNegative(value, nameof(FactorGamma)); } = 10;

    /// <summary>FactorVAE: width of the discriminator's hidden layers (1000 in the paper).</summary>
    public int DiscriminatorHidden { get; init => field = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(DiscriminatorHidden), value, "DiscriminatorHidden: must be ≥ 1."); } = 256;

    /// <summary>FactorVAE: number of hidden layers of the discriminator (6 in the paper).</summary>
    public int DiscriminatorLayers { get; init => field = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(DiscriminatorLayers), value, "DiscriminatorLayers: must be ≥ 1."); } = 3;

    /// <summary>FactorVAE: the discriminator's Adam learning rate (with β1 = 0.5, β2 = 0.9, as in the paper).</summary>
    public double DiscriminatorLearningRate { get; init => field = value > 0 && double.IsFinite(value) ? value : throw new ArgumentOutOfRangeException(nameof(DiscriminatorLearningRate), value, "DiscriminatorLearningRate: must be a finite number > 0."); } = 1e-4;

    /// <summary>λ_d in use: the given one, or the paper's default for the kind.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public double DipDiagonalWeight => DipDiagonal ?? (Kind == ObjectiveKind.DipVaeI ? 10 * DipOffDiagonal : DipOffDiagonal);

    static double NonNegative(double value, string name) =>
        value >= 0 && double.IsFinite(value) ? value : throw new ArgumentOutOfRangeException(name, value, $"{name}: must be a finite number ≥ 0.");
}
