using TorchSharp;
using Vae.Data;
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

    public static double[] Estimate(VaeModel model, Dataset data, Device device, int k, int seed = 0,
        int? rowsPerPass = null, IProgress<int>? progress = null)
    {
        if (k < 1) throw new VaeException($"--k {k}: the number of importance samples must be ≥ 1.");
        int rows = rowsPerPass ?? RowsPerPass(model.Options);
        using var evaluating = EvaluationMode.Enter(model);
        int chunk = Math.Min(k, rows);
        int examplesPerPass = Math.Max(1, rows / chunk);
        var result = new double[data.Count];
        using var generator = new Generator((ulong)seed, device);
        foreach (var (start, n, batch) in data.Batches(examplesPerPass, device))
        {
            var bound = ImportanceWeighted.Bound(model, batch, k, chunk, generator);
            bound.to(ScalarType.Float64).cpu().data<double>().ToArray().CopyTo(result, start);
            progress?.Report(start + n);
        }
        return result;
    }
}
