using static TorchSharp.torch;

namespace Vae.Data;

/// <summary>
/// A training set held on the device as one tensor, served in shuffled mini-batches. The last
/// batch of an epoch may be smaller (as PyTorch's DataLoader does by default).
/// </summary>
public sealed class BatchStream : IBatchSource
{
    private readonly Tensor data;        // [N, D] on the device
    private readonly Tensor? conditions; // [N, C] on the device
    private readonly Tensor? targets;    // [N, P] on the device

    public BatchStream(Dataset dataset, Device device, int batchSize)
    {
        data = dataset.ToTensor(device).DetachFromDisposeScope();
        conditions = dataset.Conditions is null ? null
            : tensor(dataset.Conditions, [dataset.Count, dataset.ConditionSize]).to(device).DetachFromDisposeScope();
        targets = dataset.Targets is null ? null
            : tensor(dataset.Targets, [dataset.Count, dataset.TargetSize]).to(device).DetachFromDisposeScope();
        Count = dataset.Count;
        BatchSize = batchSize;
    }

    public long Count { get; }
    public int BatchSize { get; }
    public int BatchesPerEpoch => (int)((Count + BatchSize - 1) / BatchSize);

    /// <summary>A random order of the examples for one epoch, on the data's device: [N].</summary>
    public Tensor Shuffle(Generator generator) => randperm(Count, generator: generator).to(data.device);

    public IEpochBatches Epoch(Generator shuffle) => new InMemoryEpoch(this, Shuffle(shuffle));

    sealed class InMemoryEpoch(BatchStream source, Tensor order) : IEpochBatches
    {
        public int Batches => source.BatchesPerEpoch;
        public Batch Batch(int index) => source.Batch(order, index);
        public void Dispose() => order.Dispose();
    }

    /// <summary>Batch <paramref name="index"/> of the epoch whose order is <paramref name="order"/>: x [b, D] (and c [b, C], y [b, P]).</summary>
    public Batch Batch(Tensor order, int index)
    {
        long start = (long)index * BatchSize;
        long length = Math.Min(BatchSize, Count - start);
        var idx = order.narrow(0, start, length);
        return new Batch(data.index_select(0, idx), conditions?.index_select(0, idx), targets?.index_select(0, idx));
    }

    public void Dispose()
    {
        data.Dispose();
        conditions?.Dispose();
        targets?.Dispose();
    }
}
