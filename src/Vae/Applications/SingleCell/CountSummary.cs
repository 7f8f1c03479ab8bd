namespace Vae.Applications.SingleCell;

/// <summary>Summary statistics of a count matrix: size, sparsity, library sizes, genes detected, and group sizes.</summary>
public sealed record CountSummary
{
    public int Cells { get; init; }
    public int Genes { get; init; }
    public long NonZeros { get; init; }

    /// <summary>Share of the cells × genes entries that are 0.</summary>
    public double ZeroFraction { get; init; }

    /// <summary>Total counts per cell: minimum, 5th percentile, median, 95th percentile, maximum.</summary>
    public double LibraryMin { get; init; }
    public double LibraryP05 { get; init; }
    public double LibraryMedian { get; init; }
    public double LibraryP95 { get; init; }
    public double LibraryMax { get; init; }

    /// <summary>Median number of genes with a non-zero count per cell.</summary>
    public double GenesDetectedMedian { get; init; }

    /// <summary>
    /// Median over genes (mean count ≥ 0.1) of the Pearson dispersion Σ_c (x − ℓ_c p)²/(ℓ_c p)/(N − 1) of counts
    /// against a Poisson whose mean is proportional to the library size ℓ_c: 1 for Poisson counts of one
    /// expression profile, above 1 with over-dispersion or heterogeneous cells.
    /// </summary>
    public double MedianDispersion { get; init; }

    public IReadOnlyDictionary<string, int>? LabelCounts { get; init; }
    public IReadOnlyDictionary<string, int>? BatchCounts { get; init; }

    public static CountSummary Of(AnnotatedCells cells)
    {
        var m = cells.Counts.Counts;
        var totals = m.RowSums();
        var sorted = totals.Order().ToArray();
        var detected = Enumerable.Range(0, m.Rows).Select(r => (double)m.RowColumns(r).Length).Order().ToArray();
        return new CountSummary
        {
            Cells = m.Rows, Genes = m.Columns, NonZeros = m.NonZeros,
            ZeroFraction = 1 - m.NonZeros / ((double)m.Rows * m.Columns),
            LibraryMin = sorted[0], LibraryP05 = Quantile(sorted, 0.05), LibraryMedian = Quantile(sorted, 0.5),
            LibraryP95 = Quantile(sorted, 0.95), LibraryMax = sorted[^1],
            GenesDetectedMedian = Quantile(detected, 0.5),
            MedianDispersion = PearsonDispersion(m, totals),
            LabelCounts = Tally(cells.Labels, cells.LabelNames),
            BatchCounts = Tally(cells.Batches, cells.BatchNames),
        };
    }

    // φ_g = Σ_c (x − ℓ_c p_g)² / (ℓ_c p_g) / (N − 1), p_g = Σ_c x_cg / Σ_c ℓ_c; with Σ over zeros folded in: (Σ_nz x²/(ℓ_c p_g) − S_g)/(N − 1).
    static double PearsonDispersion(SparseCounts m, double[] totals)
    {
        double libraryTotal = totals.Sum();
        var sum = new double[m.Columns];
        for (int r = 0; r < m.Rows; r++)
        {
            var cols = m.RowColumns(r);
            var vals = m.RowValues(r);
            for (int k = 0; k < cols.Length; k++) sum[cols[k]] += vals[k];
        }
        var weighted = new double[m.Columns];
        for (int r = 0; r < m.Rows; r++)
        {
            if (totals[r] <= 0) continue;
            var cols = m.RowColumns(r);
            var vals = m.RowValues(r);
            for (int k = 0; k < cols.Length; k++) weighted[cols[k]] += (double)vals[k] * vals[k] / totals[r];
        }
        var phi = new List<double>();
        for (int g = 0; g < m.Columns; g++)
        {
            if (sum[g] / m.Rows < 0.1) continue;
            double p = sum[g] / libraryTotal;
            phi.Add((weighted[g] / p - sum[g]) / (m.Rows - 1));
        }
        return phi.Count == 0 ? double.NaN : Quantile(phi.Order().ToArray(), 0.5);
    }

    static IReadOnlyDictionary<string, int>? Tally(int[]? codes, IReadOnlyList<string>? names)
    {
        if (codes is null || names is null) return null;
        var counts = new int[names.Count];
        foreach (int c in codes) counts[c]++;
        return names.Select((n, i) => (n, i)).ToDictionary(t => t.n, t => counts[t.i]);
    }

    /// <summary>Linear interpolation between order statistics (numpy's default) of sorted values.</summary>
    public static double Quantile(double[] sorted, double q)
    {
        double pos = q * (sorted.Length - 1);
        int lo = (int)Math.Floor(pos), hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }
}
