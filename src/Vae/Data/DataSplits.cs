using Vae.Data.Shards;

namespace Vae.Data;

/// <summary>
/// The training, validation (optional) and test parts of a data set. For a sharded data set the
/// training examples are streamed from <see cref="Stream"/> (its first <see cref="StreamRows"/> rows)
/// and <see cref="Train"/> holds only a sample of them, for checks and diagnostics; a source that streams
/// its own training set (<see cref="Streamed"/>) is served the same way.
/// </summary>
public sealed record DataSplits(Dataset Train, Dataset? Validation, Dataset Test, ShardedDataset? Stream = null, long StreamRows = 0,
    IStreamedTrainingSet? Streamed = null)
{
    /// <summary>The training examples are streamed (from shards or by their source), not held in memory.</summary>
    public bool IsStreamed => Stream is not null || Streamed is not null;

    public DataShape Shape => Train.Shape;

    /// <summary>Every training value lies in [0, 1] (from the shards' manifest when streaming).</summary>
    public bool TrainIsUnitInterval => Stream?.Manifest.IsUnitInterval ?? Train.IsUnitInterval;

    /// <summary>Examples the trainer sees per epoch.</summary>
    public long TrainCount => Stream is not null ? StreamRows : Streamed?.Count ?? Train.Count;
}
