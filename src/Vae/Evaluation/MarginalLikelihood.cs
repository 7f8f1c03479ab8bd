using TorchSharp;
using Vae.Data;
using Vae.Distributed;
using Vae.Models;
using Vae.Objectives;
using static TorchSharp.torch;

namespace Vae.Evaluation;

/// <summary>
/// log p(x) ≈ log (1/K) Σ_k p(x, z_k)/q(z_k|x) per example, z_k ~ q(z|x) (the importance-weighted
/// bound with K samples, <see cref="ImportanceWeighted"/>). Examples and samples are grouped so that
/// each decoder call sees about <c>rowsPerPass</c> rows: large enough for fast matrix multiplies,
/// small enough that memory stays bounded whatever K is (by default chosen from the decoder's size,
/// <see cref="RowsPerPass"/>).
/// </summary>
public static class MarginalLikelihood
{
    /// <summary>Activation values a decoder pass may hold at once (2^28 floats, 1 GiB), which sets the default rows per pass.</summary>
    public const long ActivationBudget = 1L << 28;

    /// <summary>
    /// Rows per decoder pass for a model: 16,384 for small decoders (the MLPs), fewer for decoders with
    /// large activations per row (a PixelCNN holds feature maps of its features × H × W per layer), so
    /// one pass stays within about <see cref="ActivationBudget"/> values. At least 16.
    /// </summary>
    public static int RowsPerPass(ModelOptions o)
    {
        long perRow = o.DecoderActivationsPerRow();
        return (int)Math.Clamp(ActivationBudget / Math.Max(1, perRow), 16, 16384);
    }

    /// <summary>
    /// log p(x) per example (the bound L_K). With <paramref name="ranks"/> (an mpirun), each rank computes its block of
    /// passes (<see cref="RankBlocks"/>) and every rank returns all the values, which are one process's to the bit.
    /// </summary>
    public static double[] Estimate(VaeModel model, Dataset data, Device device, int k, int seed = 0,
        int? rowsPerPass = null, IProgress<int>? progress = null, Communicator? ranks = null)
    {
        ranks ??= Communicator.Single;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var mine = EstimateBlock(model, data, device, k, ranks.Rank, ranks.Size, seed, rowsPerPass, progress);
        return RankBlocks.Gather(ranks, mine, clock.Elapsed, "the gathering of every rank's log p(x)");
    }

    /// <summary>
    /// The values of the examples in rank <paramref name="rank"/>'s block of passes (of <paramref name="size"/> ranks),
    /// with the draws one process makes for them: the passes before the block are encoded and their samples drawn,
    /// not decoded (<see cref="ImportanceWeighted.SkipDraws"/>), so the generator stands where one process's would.
    /// Rank 0 of 1 is the whole data set.
    /// </summary>
    public static double[] EstimateBlock(VaeModel model, Dataset data, Device device, int k, int rank, int size, int seed = 0,
        int? rowsPerPass = null, IProgress<int>? progress = null)
    {
        if (k < 1) throw new VaeException($"--k {k}: the number of importance samples must be ≥ 1.");
        int rows = rowsPerPass ?? RowsPerPass(model.Options);
        using var evaluating = EvaluationMode.Enter(model);
        int chunk = Math.Min(k, rows);
        int examplesPerPass = Math.Max(1, rows / chunk);
        int passes = (data.Count + examplesPerPass - 1) / examplesPerPass;
        var (first, count) = RankBlocks.Of(passes, rank, size);
        int from = Math.Min(data.Count, first * examplesPerPass), to = Math.Min(data.Count, (first + count) * examplesPerPass);
        var result = new double[to - from];
        using var generator = new Generator((ulong)seed, device);
        int pass = 0;
        foreach (var (start, n, batch) in data.Batches(examplesPerPass, device))
        {
            if (pass >= first + count) break;
            if (pass++ < first)
            {
                ImportanceWeighted.SkipDraws(model, batch, k, chunk, generator);
                continue;
            }
            var bound = ImportanceWeighted.Bound(model, batch, k, chunk, generator);
            bound.to(ScalarType.Float64).cpu().data<double>().ToArray().CopyTo(result, start - from);
            Runtime.CollectStepGarbage();   // as the trainer does: the pass's Scalars, before they fragment the heap
            progress?.Report(start + n);
        }
        return result;
    }
}
