using Vae.Runs;

namespace Vae.Training;

public enum TrainingOutcome { Finished, StoppedEarly, Interrupted }

/// <summary>How a call to <see cref="Trainer.Run"/> ended.</summary>
public sealed record TrainingResult(TrainingOutcome Outcome, TrainingState State, IReadOnlyList<EpochMetrics> Metrics);
