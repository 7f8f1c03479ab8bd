using MathNet.Numerics.Statistics;

namespace Vae.Applications.SingleCell;

/// <summary>Which genes were selected, and the score that ranked them.</summary>
/// <param name="Selected">The selected genes' indices, in increasing order.</param>
/// <param name="NormalizedVariance">Per gene: the variance of its standardised, clipped counts (averaged over batches).</param>
/// <param name="Rank">Per gene: its median rank over the batches in which it is among the top N (NaN when in none).</param>
/// <param name="BatchesSelected">Per gene: in how many batches it is among the top N.</param>
public sealed record GeneSelection(int[] Selected, double[] NormalizedVariance, double[] Rank, int[] BatchesSelected);

/// <summary>
/// Highly variable genes by the Seurat v3 method (Stuart et al. 2019, "vst"; scanpy's
/// <c>flavor="seurat_v3"</c>), on raw counts. Per batch: the mean m_g and variance v_g of every
/// gene; a loess curve (degree 2, span 0.3) of log₁₀ v on log₁₀ m gives the variance expected of a
/// gene of that mean, σ̂²_g; counts are standardised, z = (x − m_g)/σ̂_g, clipped at √N (so a few
/// outlier cells cannot make a gene variable), and the variance of z is the gene's score. Genes are
/// ranked by score within each batch; the selection takes the N genes with the smallest median
/// rank among the batches where they are in the top N, ties broken by the number of such batches.
/// </summary>
public static class HighlyVariableGenes
{
    public static GeneSelection Select(SparseCounts counts, int top, int[]? batches = null, double span = 0.3)
    {
        if (top < 1) throw new VaeException($"--hvg {top}: the number of genes to select must be ≥ 1.");
        int genes = counts.Columns, cells = counts.Rows;
        batches ??= new int[cells];
        if (batches.Length != cells) throw new ArgumentException($"{batches.Length} batch labels for {cells} cells.", nameof(batches));
        var groups = Enumerable.Range(0, cells).GroupBy(c => batches[c]).OrderBy(g => g.Key).Select(g => g.ToArray()).ToArray();
        return FromScores(groups.Select(g => Scores(counts, g, span)).ToArray(), top, genes);
    }

    /// <summary>The selection from each batch's scores (<see cref="Scores"/>): median rank over the batches where a gene is in the top N, ties by the number of such batches.</summary>
    public static GeneSelection FromScores(double[][] scores, int top, int genes)
    {
        var rankLists = new List<double>[genes];
        for (int g = 0; g < genes; g++) rankLists[g] = [];
        foreach (var score in scores)
        {
            var byScore = Enumerable.Range(0, genes).OrderByDescending(g => score[g]).ThenBy(g => g).ToArray();
            for (int r = 0; r < Math.Min(top, genes); r++) rankLists[byScore[r]].Add(r);
        }
        var rank = rankLists.Select(l => l.Count == 0 ? double.NaN : SortedArrayStatistics.Median(l.Order().ToArray())).ToArray();
        var nBatches = rankLists.Select(l => l.Count).ToArray();
        var meanScore = Enumerable.Range(0, genes).Select(g => scores.Average(s => s[g])).ToArray();
        var selected = Enumerable.Range(0, genes)
            .OrderBy(g => double.IsNaN(rank[g]) ? 1 : 0).ThenBy(g => double.IsNaN(rank[g]) ? 0 : rank[g])
            .ThenByDescending(g => nBatches[g]).ThenBy(g => g)
            .Take(Math.Min(top, genes)).Order().ToArray();
        return new GeneSelection(selected, meanScore, rank, nBatches);
    }

    /// <summary>The Seurat v3 score of every gene over the cells <paramref name="cells"/>.</summary>
    public static double[] Scores(SparseCounts counts, IReadOnlyList<int> cells, double span = 0.3)
    {
        var batch = new BatchScore(counts.Columns);
        foreach (int c in cells) batch.AddMoments(counts.RowColumns(c), counts.RowValues(c));
        batch.Fit(span);
        foreach (int c in cells) batch.AddClipped(counts.RowColumns(c), counts.RowValues(c));
        return batch.Score();
    }

    /// <summary>
    /// The score of one batch, accumulated cell by cell in two passes (so cells can be streamed): the moments
    /// (<see cref="AddMoments"/>), the loess fit of the variance on the mean (<see cref="Fit"/>), the clipped
    /// sums (<see cref="AddClipped"/>), then <see cref="Score"/>.
    /// </summary>
    public sealed class BatchScore(int genes)
    {
        readonly double[] sum = new double[genes], sumSq = new double[genes], clippedSum = new double[genes], clippedSq = new double[genes];
        double[] mean = [], regStd = [], clip = [];
        int n;

        public void AddMoments(ReadOnlySpan<int> cols, ReadOnlySpan<float> vals)
        {
            n++;
            for (int k = 0; k < cols.Length; k++) { sum[cols[k]] += vals[k]; sumSq[cols[k]] += (double)vals[k] * vals[k]; }
        }

        public void Fit(double span)
        {
            if (n < 2) throw new VaeException($"highly variable genes: a batch has {n} cell(s); at least 2 are needed.");
            mean = new double[genes];
            var variance = new double[genes];
            for (int g = 0; g < genes; g++)
            {
                mean[g] = sum[g] / n;
                variance[g] = Math.Max(0, (sumSq[g] - n * mean[g] * mean[g]) / (n - 1));
            }
            var varying = Enumerable.Range(0, genes).Where(g => variance[g] > 0).ToArray();
            var fitted = Loess.Fit(varying.Select(g => Math.Log10(mean[g])).ToArray(), varying.Select(g => Math.Log10(variance[g])).ToArray(), span);
            regStd = Enumerable.Repeat(1.0, genes).ToArray();
            for (int k = 0; k < varying.Length; k++) regStd[varying[k]] = Math.Sqrt(Math.Pow(10, fitted[k]));
            clip = new double[genes];
            for (int g = 0; g < genes; g++) clip[g] = regStd[g] * Math.Sqrt(n) + mean[g];
        }

        public void AddClipped(ReadOnlySpan<int> cols, ReadOnlySpan<float> vals)
        {
            for (int k = 0; k < cols.Length; k++)
            {
                double v = Math.Min(vals[k], clip[cols[k]]);
                clippedSum[cols[k]] += v;
                clippedSq[cols[k]] += v * v;
            }
        }

        public double[] Score()
        {
            var score = new double[genes];
            for (int g = 0; g < genes; g++)
                score[g] = (n * mean[g] * mean[g] + clippedSq[g] - 2 * clippedSum[g] * mean[g]) / ((n - 1) * regStd[g] * regStd[g]);
            return score;
        }
    }
}
