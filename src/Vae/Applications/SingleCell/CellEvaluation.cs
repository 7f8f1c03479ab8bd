using Vae.Distributed;
using Vae.Evaluation;
using Vae.Models;
using static TorchSharp.torch;

namespace Vae.Applications.SingleCell;

/// <summary>
/// The single-cell evaluation of a trained model against the PCA baseline on the same cells and
/// genes: ARI, NMI, silhouette and batch mixing of the VAE's latent means μ(x) and of the first
/// principal components of the log-normalised counts (<see cref="PcaBaseline"/>), both on all cells
/// (or only the held-out ones), and the VAE's held-out log-likelihood per cell
/// (<see cref="HeldOutLikelihood"/>), overall and for the rare cell type.
/// </summary>
public static class CellEvaluation
{
    /// <param name="labels">Cell labels for the metrics (all cells).</param>
    /// <param name="batches">Batches for the mixing score (all cells), or null.</param>
    /// <param name="ranks">An mpirun's ranks: the encoding of the cells and the held-out importance sampling are split
    /// over them in contiguous blocks of batches and gathered in order (<see cref="Generation.Encode"/>,
    /// <see cref="MarginalLikelihood.Estimate"/>), so every rank has one process's latent means and log p(x) to the bit
    /// and computes the same metrics from them (the embedding metrics, the PCA baseline and the one-sample ELBO are
    /// computed whole on every rank).</param>
    public static CellEvaluationResult Evaluate(VaeModel model, CellData data, int[] labels, IReadOnlyList<string> labelNames, int[]? batches,
        Device device, CellEvaluationOptions? options = null, float[]? baseline = null, Communicator? ranks = null)
    {
        options ??= new CellEvaluationOptions();
        int components = options.Components ?? model.Latent;
        var cells = options.HeldOutOnly ? data.TestCells : Enumerable.Range(0, data.Count).ToArray();
        var latent = Rows(LatentMeans(model, data, device, ranks), model.Latent, cells);
        var pcs = Rows(baseline ?? PcaBaseline.Embed(data.Cells.Counts.Counts, data.Genes, components, options.Metrics.Seed), components, cells);
        var cellLabels = cells.Select(c => labels[c]).ToArray();
        var cellBatches = batches is null ? null : cells.Select(c => batches[c]).ToArray();
        var vae = EmbeddingMetrics.Compute(latent, model.Latent, cellLabels, cellBatches, options.Metrics);
        var pca = EmbeddingMetrics.Compute(pcs, components, cellLabels, cellBatches, options.Metrics);

        int rare = RareLabel(labels, labelNames, options.RareType);
        var testLabels = data.TestCells.Select(c => labels[c]).ToArray();
        var rareRows = Enumerable.Range(0, testLabels.Length).Where(i => testLabels[i] == rare).ToArray();
        var all = HeldOutLikelihood.Estimate(model, data.Test, device, options.K, options.Metrics.Seed, ranks);
        var few = all.Subset(model, data.Test, rareRows, device, options.Metrics.Seed);
        var scores = new VaeCellScores(vae.Ari, vae.Nmi, vae.Silhouette, vae.BatchMixing,
            all.LogLikelihood, all.StandardError, few.LogLikelihood, few.StandardError, all.Elbo, few.Elbo, all.Reconstruction, few.Reconstruction, all.KlLibrary);
        return new CellEvaluationResult(scores, pca, options.HeldOutOnly ? "heldout" : "all", cells.Length, data.TestCells.Length,
            labelNames[rare], rareRows.Length, options.K, model.Latent, components, data.Genes.Length, all.PerCell, rareRows);
    }

    /// <summary>The means of q(z|x) of every cell, in the cells' order: [cells × d].</summary>
    public static float[] LatentMeans(VaeModel model, CellData data, Device device, Communicator? ranks = null)
    {
        var (train, _) = Generation.Encode(model, data.Train, device, ranks: ranks);
        var (test, _) = Generation.Encode(model, data.Test, device, ranks: ranks);
        return data.Merge(train, test, model.Latent);
    }

    /// <summary>The label named <paramref name="name"/>, or (null) the one with the fewest cells.</summary>
    public static int RareLabel(int[] labels, IReadOnlyList<string> names, string? name)
    {
        if (name is not null)
        {
            int i = names.ToList().FindIndex(n => n.Equals(name, StringComparison.Ordinal));
            return i >= 0 ? i : throw new VaeException($"--rare {name}: no such label (labels: {string.Join(", ", names)}).");
        }
        var counts = new int[names.Count];
        foreach (int l in labels) counts[l]++;
        return Array.IndexOf(counts, counts.Min());
    }

    static float[] Rows(float[] all, int width, int[] rows)
    {
        var result = new float[(long)rows.Length * width];
        for (int k = 0; k < rows.Length; k++) Array.Copy(all, (long)rows[k] * width, result, (long)k * width, width);
        return result;
    }
}
