using System.Runtime.InteropServices;
using Vae.Distributed;

namespace Vae.Evaluation;

/// <summary>
/// An evaluation spread over the ranks of an mpirun: its passes (the batches one process walks through) split
/// into contiguous blocks, one per rank (rank r computes passes [r·P/N, (r+1)·P/N)), and the ranks' per-example
/// values gathered back in example order. Since each pass is computed whole, with the batch shape and the random
/// draws one process has for it, the gathered values are one process's, bit for bit.
/// </summary>
public static class RankBlocks
{
    /// <summary>The passes [First, First + Count) of <paramref name="passes"/> that rank <paramref name="rank"/> of <paramref name="size"/> computes.</summary>
    public static (int First, int Count) Of(int passes, int rank, int size)
    {
        var (start, count) = Communicator.ShareOf(passes, rank, size);
        return ((int)start, (int)count);
    }

    /// <summary>
    /// Every rank's values concatenated in rank order (which is example order), on every rank. A rank waits for
    /// the others as long as its own block took plus the communicator's timeout (<c>--rank-timeout</c>), then
    /// stops with <see cref="RankTimeoutException"/>.
    /// </summary>
    public static double[] Gather(Communicator ranks, double[] mine, TimeSpan took, string what)
    {
        if (!ranks.IsDistributed) return mine;
        return Concatenate(ranks.AllGather(MemoryMarshal.AsBytes(mine.AsSpan()), what, ranks.Timeout + took));
    }

    /// <summary>Every rank's floats concatenated in rank order (<see cref="Gather(Communicator, double[], TimeSpan, string)"/> for float32 values).</summary>
    public static float[] Gather(Communicator ranks, float[] mine, TimeSpan took, string what)
    {
        if (!ranks.IsDistributed) return mine;
        return ranks.AllGather(MemoryMarshal.AsBytes(mine.AsSpan()), what, ranks.Timeout + took)
            .SelectMany(p => MemoryMarshal.Cast<byte, float>(p).ToArray()).ToArray();
    }

    /// <summary>
    /// The sum, in index order from 0, of values that the ranks computed in contiguous blocks (rank r holds the values
    /// of its block, <see cref="Of"/>): every rank gets Σ_i v_i added one after another as one process adds them, so the
    /// sum has one process's bits.
    /// </summary>
    public static double SumInOrder(Communicator ranks, double[] mine, TimeSpan took, string what)
    {
        var all = Gather(ranks, mine, took, what);
        double sum = 0;
        foreach (double v in all) sum += v;
        return sum;
    }

    /// <summary>The doubles of each part (as <see cref="Communicator.AllGather"/> returns them), one after another.</summary>
    public static double[] Concatenate(IEnumerable<byte[]> parts) =>
        parts.SelectMany(p => MemoryMarshal.Cast<byte, double>(p).ToArray()).ToArray();
}
