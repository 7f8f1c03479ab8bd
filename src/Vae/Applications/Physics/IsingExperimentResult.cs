using Vae.Runs;

namespace Vae.Applications.Physics;

/// <summary>Everything the experiment measured; the report is written from it.</summary>
public sealed record IsingExperimentResult
{
    public required IsingExperimentOptions Options { get; init; }
    public required int ValidationSize { get; init; }
    public required IReadOnlyList<TemperatureSummary> WolffValidation { get; init; }
    public required IReadOnlyList<TemperatureSummary> MetropolisValidation { get; init; }
    public required IReadOnlyList<SizeRun> Sizes { get; init; }
    public required double ValidationSeconds { get; init; }
    public required DateTimeOffset Started { get; init; }
    public required double TotalSeconds { get; init; }

    /// <summary>CPU time of the process over the run (all threads), which contention with other jobs does not inflate.</summary>
    public required double CpuSeconds { get; init; }

    /// <summary>One lattice size: its data set, model and analysis.</summary>
    public sealed record SizeRun(
        int Size,
        string DataDirectory,
        string ModelDirectory,
        int TrainCount,
        int TestCount,
        double MaxTau,
        int MaxSpacing,
        bool AllEquilibrated,
        double SimulationSeconds,
        IReadOnlyList<EpochMetrics> Training,
        int BestEpoch,
        double TrainingSeconds,
        IsingAnalysisResult Analysis,
        double AnalysisSeconds);
}
