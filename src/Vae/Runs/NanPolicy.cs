namespace Vae.Runs;

/// <summary>What training does when a loss term or a gradient is NaN or infinite.</summary>
public enum NanPolicy
{
    /// <summary>Stop with a diagnosis; the last checkpoint stays intact.</summary>
    Stop,
    /// <summary>Skip the step (no update) and go on; skipped steps are counted in metrics.jsonl.</summary>
    Skip,
    /// <summary>Restore the last checkpoint, halve the learning rate, and continue from there (at most <see cref="TrainingOptions.MaxRollbacks"/> times).</summary>
    Rollback,
}
