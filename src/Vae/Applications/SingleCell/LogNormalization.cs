namespace Vae.Applications.SingleCell;

/// <summary>
/// The usual normalisation of counts for PCA and plots: log1p of counts per 10,000,
/// y = log(1 + 10⁴ x / ℓ), with ℓ the cell's total over all genes (so the selection of genes does not change a cell's scale).
/// A cell without counts stays at 0.
/// </summary>
public static class LogNormalization
{
    public const double Scale = 1e4;

    /// <summary>The normalised values of the genes at <paramref name="genes"/>: dense, row-major [cells × genes.Count].</summary>
    public static float[] Transform(SparseCounts counts, IReadOnlyList<int> genes, double scale = Scale)
    {
        var dense = counts.ToDense(genes);
        var totals = counts.RowSums();
        int width = genes.Count;
        for (int r = 0; r < counts.Rows; r++)
        {
            if (totals[r] <= 0) continue;
            double f = scale / totals[r];
            var row = dense.AsSpan(r * width, width);
            for (int j = 0; j < width; j++) if (row[j] != 0) row[j] = (float)Math.Log(1 + f * row[j]);
        }
        return dense;
    }
}
