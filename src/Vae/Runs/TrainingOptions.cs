namespace Vae.Runs;

public enum LrSchedule
{
    /// <summary>The learning rate stays at its initial value.</summary>
    Constant,
    /// <summary>Multiplied by <see cref="TrainingOptions.LrGamma"/> every <see cref="TrainingOptions.LrStepEpochs"/> epochs.</summary>
    Step,
    /// <summary>Multiplied by <see cref="TrainingOptions.LrGamma"/> when the validation ELBO has not improved for <see cref="TrainingOptions.LrPatience"/> epochs.</summary>
    Plateau,
}

/// <summary>How a model is trained. Stored in a model folder's config.json.</summary>
public sealed record TrainingOptions
{
    public int Epochs { get; init => field = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(Epochs), value, "Epochs: must be ≥ 1."); } = 10;

    public int BatchSize { get; init => field = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(BatchSize), value, "BatchSize: must be ≥ 1."); } = 128;

    /// <summary>Adam's learning rate.</summary>
    public double LearningRate { get; init => field = value > 0 && double.IsFinite(value) ? value : throw new ArgumentOutOfRangeException(nameof(LearningRate), value, "LearningRate: must be a finite number > 0."); } = 1e-3;

    /// <summary>Seeds the weights, the batch order and every random draw: the same seed gives the same numbers.</summary>
    public int Seed { get; init; } = 1;

    public LrSchedule LrSchedule { get; init; } = LrSchedule.Constant;

    public int LrStepEpochs { get; init => field = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(LrStepEpochs), value, "LrStepEpochs: must be ≥ 1."); } = 10;

    public double LrGamma { get; init => field = value is > 0 and < 1 ? value : throw new ArgumentOutOfRangeException(nameof(LrGamma), value, "LrGamma: must be in (0, 1)."); } = 0.5;

    public int LrPatience { get; init => field = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(LrPatience), value, "LrPatience: must be ≥ 1."); } = 5;

    /// <summary>Stop when the validation ELBO has not improved for this many epochs; null never stops early.</summary>
    public int? EarlyStoppingPatience { get; init => field = value is null or >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(EarlyStoppingPatience), value, "EarlyStoppingPatience: must be ≥ 1."); }

    /// <summary>Clip the gradient's total norm to this value before each step; null does not clip.</summary>
    public double? GradientClip { get; init => field = value is null || value > 0 && double.IsFinite(value.Value) ? value : throw new ArgumentOutOfRangeException(nameof(GradientClip), value, "GradientClip: must be > 0."); }

    /// <summary>What to do when a loss term or gradient is NaN or infinite.</summary>
    public NanPolicy OnNan { get; init; } = NanPolicy.Stop;

    /// <summary>With <see cref="NanPolicy.Rollback"/>: how many times training may roll back before it stops.</summary>
    public int MaxRollbacks { get; init => field = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(MaxRollbacks), value, "MaxRollbacks: must be ≥ 1."); } = 5;

    /// <summary>The reference protocol: Adam 1e-3, batch 128, 10 epochs.</summary>
    public static TrainingOptions Default { get; } = new();
}
