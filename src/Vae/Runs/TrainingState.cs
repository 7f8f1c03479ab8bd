namespace Vae.Runs;

/// <summary>
/// Where a run stands (state.json): enough, with the weights and optimizer files, to continue
/// exactly where it stopped, including in the middle of an epoch.
/// </summary>
public sealed record TrainingState
{
    /// <summary>Epochs completed.</summary>
    public int Epoch { get; init; }

    /// <summary>Batches completed in the epoch under way (0 at an epoch boundary).</summary>
    public int BatchInEpoch { get; init; }

    /// <summary>Optimizer steps taken in all.</summary>
    public long Step { get; init; }

    public double LearningRate { get; init; }

    public double? BestValElbo { get; init; }
    public int BestEpoch { get; init; }
    public int EpochsSinceImprovement { get; init; }
    public bool StoppedEarly { get; init; }

    /// <summary>Steps skipped because of a NaN or infinite value (<see cref="NanPolicy.Skip"/>), in all.</summary>
    public long SkippedSteps { get; init; }

    /// <summary>Times training rolled back to its last checkpoint (<see cref="NanPolicy.Rollback"/>).</summary>
    public int Rollbacks { get; init; }
    public bool Finished { get; init; }

    /// <summary>State of the batch-order generator at the start of the epoch under way (base64).</summary>
    public string ShuffleRng { get; init; } = "";

    /// <summary>State of the noise generator (ε, binarization) now (base64).</summary>
    public string NoiseRng { get; init; } = "";

    /// <summary>Running sums of the epoch under way: loss, log-likelihood, KL, examples.</summary>
    public double[] EpochSums { get; init; } = [0, 0, 0, 0];

    public double EpochSeconds { get; init; }

    /// <summary>Which weight file resumes training: model.dat when the last weights are the best ones, else last.dat.</summary>
    public string ResumeWeights { get; init; } = ModelFolder.ModelFile;

    /// <summary>SHA-256 of each weight file, checked when the folder is loaded.</summary>
    public Dictionary<string, string> Checksums { get; init; } = [];
}
