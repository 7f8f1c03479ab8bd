using static TorchSharp.torch;

namespace Vae.Data;

/// <summary>Rows [Start, Start + Count) of a data set of <c>total</c> rows.</summary>
public readonly record struct RowRange(int Start, int Count);

/// <summary>Rows [Start, Start + Count) of a data set, as a model batch.</summary>
public readonly record struct MiniBatch(int Start, int Count, Batch Batch);

/// <summary>
/// The one way to walk a data set in fixed mini-batches: [0, size), [size, 2·size), …, the last one
/// shorter. Each step runs inside its own <see cref="torch.NewDisposeScope"/>, opened before its
/// tensors are made and disposed when the consumer moves on to the next step, leaves the loop
/// (<c>break</c>, <c>return</c>) or throws; so tensors made in the loop body are freed with it, and
/// what must outlive a step is moved out with <c>MoveToOuterDisposeScope()</c>.
/// <code>foreach (var (start, n, batch) in data.Batches(1000, device)) { … }</code>
/// </summary>
public static class MiniBatches
{
    /// <summary>The row ranges covering [0, <paramref name="total"/>) in steps of <paramref name="size"/>, each inside its own dispose scope.</summary>
    public static IEnumerable<RowRange> Ranges(int total, int size)
    {
        if (size < 1) throw new VaeException($"batch size {size}: must be ≥ 1.");
        for (int start = 0; start < total; start += size)
        {
            using var scope = NewDisposeScope();
            yield return new RowRange(start, Math.Min(size, total - start));
        }
    }

    /// <summary>The examples of <paramref name="data"/> with their conditions and targets (<see cref="DatasetTensors.BatchAt"/>), <paramref name="size"/> at a time, each batch inside its own dispose scope.</summary>
    public static IEnumerable<MiniBatch> Batches(this Dataset data, int size, Device device)
    {
        foreach (var (start, count) in Ranges(data.Count, size))
            yield return new MiniBatch(start, count, data.BatchAt(start, count, device));
    }
}
