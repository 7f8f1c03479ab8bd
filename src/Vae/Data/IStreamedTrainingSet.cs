using static TorchSharp.torch;

namespace Vae.Data;

/// <summary>
/// A training set that a data source streams itself (an AnnData file read in row blocks, say), never held
/// whole in memory: <see cref="DataSplits.Train"/> then holds only a sample of it, and the trainer draws its
/// batches from <see cref="Open"/>. (Sharded data sets stream through <see cref="DataSplits.Stream"/>.)
/// </summary>
public interface IStreamedTrainingSet
{
    /// <summary>Training examples per epoch.</summary>
    long Count { get; }

    /// <summary>The batches of the training set on <paramref name="device"/>.</summary>
    IBatchSource Open(Device device, int batchSize);
}
