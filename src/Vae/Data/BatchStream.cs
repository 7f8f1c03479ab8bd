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
        data = Rows(dataset.Features, dataset.Count, dataset.Dimension, device);
        conditions = dataset.Conditions is null ? null : Rows(dataset.Conditions, dataset.Count, dataset.ConditionSize, device);
        targets = dataset.Targets is null ? null : Rows(dataset.Targets, dataset.Count, dataset.TargetSize, device);
        Count = dataset.Count;
        BatchSize = batchSize;
    }

    /// <summary>
    /// values as a [count, width] tensor on <paramref name="device"/>. On the CPU the tensor is a view of the array
    /// (<c>torch.frombuffer</c> pins it; nothing here writes to it, and batches are <c>index_select</c> copies), so a
    /// training set is held once, not twice: 188 MB less for Fashion-MNIST (docs/results/performance.md, section 9).
    /// </summary>
    static Tensor Rows(float[] values, int count, int width, Device device)
    {
        long size = (long)count * width;
        if (size == 0) return zeros(count, width, device: device).DetachFromDisposeScope();
        if (device.type != TorchSharp.DeviceType.CPU) return tensor(values, [count, width]).to(device).DetachFromDisposeScope();
        using var flat = frombuffer(values, ScalarType.Float32, size);
        return flat.view(count, width).DetachFromDisposeScope();
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
