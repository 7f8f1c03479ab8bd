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

    /// <summary>The doubles of each part (as <see cref="Communicator.AllGather"/> returns them), one after another.</summary>
    public static double[] Concatenate(IEnumerable<byte[]> parts) =>
        parts.SelectMany(p => MemoryMarshal.Cast<byte, double>(p).ToArray()).ToArray();
}
