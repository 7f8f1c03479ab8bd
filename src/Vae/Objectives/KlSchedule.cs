namespace Vae.Objectives;

public enum KlScheduleKind
{
    /// <summary>The KL weight is 1 throughout (times β).</summary>
    Constant,
    /// <summary>Linear warm-up from <see cref="KlSchedule.Start"/> to 1 over <see cref="KlSchedule.Length"/> epochs or steps (Bowman et al. 2016).</summary>
    Linear,
    /// <summary>
    /// Cyclical annealing (Fu et al. 2019): the run is split into <see cref="KlSchedule.Cycles"/> cycles;
    /// in each, the weight rises linearly from 0 to 1 over the first fraction <see cref="KlSchedule.Ratio"/> and stays at 1.
    /// </summary>
    Cyclical,
}

public enum ScheduleUnit { Epochs, Steps }

/// <summary>Where training stands, for schedules: step t of T in all, epochs of S steps.</summary>
public readonly record struct TrainingClock(long Step, long StepsPerEpoch, long TotalSteps)
{
    public double Epoch => (double)Step / StepsPerEpoch;
}

/// <summary>A weight in [0, 1] on the KL term as a function of the training step (multiplied by β).</summary>
public sealed record KlSchedule
{
    public KlScheduleKind Kind { get; init; } = KlScheduleKind.Constant;

    /// <summary>Linear: the weight at step 0.</summary>
    public double Start { get; init => field = value is >= 0 and <= 1 ? value : throw new ArgumentOutOfRangeException(nameof(Start), value, "KlStart: must be in [0, 1]."); }

    /// <summary>Linear: the warm-up length, in <see cref="Unit"/>s.</summary>
    public double Length { get; init => field = value > 0 && double.IsFinite(value) ? value : throw new ArgumentOutOfRangeException(nameof(Length), value, "KlWarmup: must be > 0."); } = 10;

    public ScheduleUnit Unit { get; init; } = ScheduleUnit.Epochs;

    /// <summary>Cyclical: number of cycles M over the run.</summary>
    public int Cycles { get; init => field = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(Cycles), value, "KlCycles: must be ≥ 1."); } = 4;

    /// <summary>Cyclical: fraction R of each cycle spent rising.</summary>
    public double Ratio { get; init => field = value is > 0 and <= 1 ? value : throw new ArgumentOutOfRangeException(nameof(Ratio), value, "KlRatio: must be in (0, 1]."); } = 0.5;

    public static KlSchedule Constant { get; } = new();

    public double Weight(TrainingClock clock)
    {
        switch (Kind)
        {
            case KlScheduleKind.Linear:
                double progress = (Unit == ScheduleUnit.Epochs ? clock.Epoch : clock.Step) / Length;
                return Math.Min(1.0, Start + (1 - Start) * progress);
            case KlScheduleKind.Cyclical:
                double period = (double)clock.TotalSteps / Cycles;
                double tau = clock.Step % period / period;
                return tau <= Ratio ? tau / Ratio : 1.0;
            default:
                return 1.0;
        }
    }

    /// <summary>A sentence when the schedule does not fit in the run (it is not silently truncated); null when it fits.</summary>
    public string? CheckFits(TrainingClock end)
    {
        if (Kind != KlScheduleKind.Linear) return null;
        double runLength = Unit == ScheduleUnit.Epochs ? end.Epoch : end.Step;
        if (Length <= runLength) return null;
        double final = Weight(end with { Step = end.TotalSteps });
        string unit = Unit == ScheduleUnit.Epochs ? "epochs" : "steps";
        return $"Note: the KL warm-up lasts {Length:G4} {unit} but the run has {runLength:G4}; the KL weight will end at {final:F3}, not 1 (the objective is not the ELBO at the end).";
    }
}
