namespace Vae.Applications.Robotics;

/// <summary>
/// The robotics experiment: simulate the arm (single and two-frame stacks of the same episodes) and
/// the pendulum, train a convolutional VAE on each, probe them against PCA, fit latent dynamics
/// models with contexts 1 and 2 on the arm's single-frame latents, measure open-loop error against
/// the horizon, and write the report. The defaults fit in about 20 minutes of CPU on 2 cores.
/// </summary>
public sealed record ExperimentOptions
{
    /// <summary>Folder for the data sets and model folders.</summary>
    public string WorkDirectory { get; init; } = "runs/robotics";

    /// <summary>The Markdown report; its pictures go to a folder named after it (robotics.md → robotics/).</summary>
    public string ReportPath { get; init; } = "docs/results/robotics.md";

    public int Seed { get; init; }

    public int ArmEpisodes { get; init => field = value >= 2 ? value : throw new ArgumentOutOfRangeException(nameof(ArmEpisodes), value, "ArmEpisodes: at least 2."); } = 200;
    public int PendulumEpisodes { get; init => field = value >= 2 ? value : throw new ArgumentOutOfRangeException(nameof(PendulumEpisodes), value, "PendulumEpisodes: at least 2."); } = 100;
    public int Steps { get; init => field = value >= 8 ? value : throw new ArgumentOutOfRangeException(nameof(Steps), value, "Steps: at least 8 frames per episode."); } = 50;

    /// <summary>VAE training epochs for the arm models (single and stacked frames).</summary>
    public int ArmEpochs { get; init => field = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(ArmEpochs), value, "ArmEpochs: must be ≥ 1."); } = 10;
    public int PendulumEpochs { get; init => field = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(PendulumEpochs), value, "PendulumEpochs: must be ≥ 1."); } = 12;

    public int ArmLatent { get; init => field = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(ArmLatent), value, "ArmLatent: must be ≥ 1."); } = 8;
    public int PendulumLatent { get; init => field = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(PendulumLatent), value, "PendulumLatent: must be ≥ 1."); } = 4;

    public int BatchSize { get; init => field = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(BatchSize), value, "BatchSize: must be ≥ 1."); } = 32;
    public double LearningRate { get; init => field = value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(LearningRate), value, "LearningRate: must be > 0."); } = 1e-3;
    public double Beta { get; init => field = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(Beta), value, "Beta: must be ≥ 0."); } = 1.0;

    public int DynamicsEpochs { get; init => field = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(DynamicsEpochs), value, "DynamicsEpochs: must be ≥ 1."); } = 60;

    /// <summary>Open-loop horizon of the error curves and of the dream.</summary>
    public int Horizon { get; init => field = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(Horizon), value, "Horizon: must be ≥ 1."); } = 20;
}
