using static TorchSharp.torch;

namespace Vae.Data;

/// <summary>Training examples served as mini-batches in an order drawn afresh each epoch.</summary>
public interface IBatchSource : IDisposable
{
    /// <summary>Examples per epoch.</summary>
    long Count { get; }

    int BatchesPerEpoch { get; }

    /// <summary>
    /// Begins an epoch whose order is drawn from <paramref name="shuffle"/>. The same generator state
    /// gives the same order, so an epoch interrupted at batch b can be resumed at b exactly.
    /// </summary>
    IEpochBatches Epoch(Generator shuffle);
}

/// <summary>The batches of one epoch, by index.</summary>
public interface IEpochBatches : IDisposable
{
    /// <summary>Batches in this epoch (for a stream it can differ by one from epoch to epoch).</summary>
    int Batches { get; }

    /// <summary>Batch <paramref name="index"/>: x [b, D] (and c [b, C]); indices are visited in increasing order.</summary>
    Batch Batch(int index);
}
