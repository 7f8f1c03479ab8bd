namespace Vae.Applications.SingleCell;

/// <summary>
/// Agreement between two labelings of the same items, from their contingency table:
/// the adjusted Rand index (Hubert and Arabie 1985) and normalised mutual information with the
/// arithmetic-mean normalisation NMI = I(U;V) / ((H(U) + H(V))/2) (scikit-learn's default).
/// </summary>
public static class ClusterAgreement
{
    /// <summary>ARI: 1 for identical partitions, 0 in expectation for random ones (can be negative).</summary>
    public static double AdjustedRandIndex(IReadOnlyList<int> a, IReadOnlyList<int> b)
    {
        var (table, rows, cols, n) = Contingency(a, b);
        double index = table.Values.Sum(v => Pairs(v));
        double sumA = rows.Values.Sum(v => Pairs(v)), sumB = cols.Values.Sum(v => Pairs(v));
        double expected = sumA * sumB / Pairs(n);
        double max = 0.5 * (sumA + sumB);
        return max == expected ? 1.0 : (index - expected) / (max - expected);
    }

    /// <summary>NMI in [0, 1]: 1 for identical partitions; 1 when both put everything in one cluster.</summary>
    public static double NormalizedMutualInformation(IReadOnlyList<int> a, IReadOnlyList<int> b)
    {
        var (table, rows, cols, n) = Contingency(a, b);
        double hA = Entropy(rows.Values, n), hB = Entropy(cols.Values, n);
        if (hA == 0 && hB == 0) return 1.0;
        double mi = 0;
        foreach (var ((i, j), nij) in table)
            mi += nij / (double)n * Math.Log((double)n * nij / ((double)rows[i] * cols[j]));
        return Math.Clamp(mi / (0.5 * (hA + hB)), 0, 1);
    }

    static double Pairs(long v) => v * (v - 1) / 2.0;

    static double Entropy(IEnumerable<long> counts, long n) => -counts.Sum(c => c / (double)n * Math.Log(c / (double)n));

    static (Dictionary<(int, int), long> Table, Dictionary<int, long> Rows, Dictionary<int, long> Cols, long N) Contingency(IReadOnlyList<int> a, IReadOnlyList<int> b)
    {
        if (a.Count != b.Count) throw new ArgumentException($"labelings of {a.Count} and {b.Count} items.");
        if (a.Count == 0) throw new ArgumentException("no items.");
        var table = new Dictionary<(int, int), long>();
        var rows = new Dictionary<int, long>();
        var cols = new Dictionary<int, long>();
        for (int i = 0; i < a.Count; i++)
        {
            table[(a[i], b[i])] = table.GetValueOrDefault((a[i], b[i])) + 1;
            rows[a[i]] = rows.GetValueOrDefault(a[i]) + 1;
            cols[b[i]] = cols.GetValueOrDefault(b[i]) + 1;
        }
        return (table, rows, cols, a.Count);
    }
}
