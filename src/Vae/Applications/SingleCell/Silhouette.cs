namespace Vae.Applications.SingleCell;

/// <summary>
/// The mean silhouette width (Rousseeuw 1987) of a labeling in Euclidean space: for each point,
/// s = (b − a) / max(a, b) with a its mean distance to the other points of its label and b the
/// smallest mean distance to the points of another label; s = 0 for a point alone in its label.
/// In [−1, 1]; near 1 when labels form tight, separated groups. Exact (O(n²)) on at most
/// <c>maxPoints</c> points drawn without replacement with a seeded generator.
/// </summary>
public static class Silhouette
{
    public static double Score(float[] points, int dim, IReadOnlyList<int> labels, int maxPoints = 5000, int seed = 0)
    {
        int n = points.Length / dim;
        if (labels.Count != n) throw new ArgumentException($"{labels.Count} labels for {n} points.");
        var idx = Enumerable.Range(0, n).ToArray();
        if (n > maxPoints) { new Random(seed).Shuffle(idx); idx = idx[..maxPoints]; }
        var codes = Categories.Encode(idx.Select(i => labels[i].ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray());
        int k = codes.Names.Length, m = idx.Length;
        if (k < 2) return double.NaN;
        var size = new int[k];
        foreach (int c in codes.Codes) size[c]++;
        double total = 0;
        var sums = new double[k];
        for (int p = 0; p < m; p++)
        {
            Array.Clear(sums);
            int ip = idx[p] * dim;
            for (int q = 0; q < m; q++)
            {
                if (q == p) continue;
                int iq = idx[q] * dim;
                double s = 0;
                for (int j = 0; j < dim; j++) { double d = points[ip + j] - points[iq + j]; s += d * d; }
                sums[codes.Codes[q]] += Math.Sqrt(s);
            }
            int own = codes.Codes[p];
            if (size[own] == 1) continue; // s = 0
            double a = sums[own] / (size[own] - 1);
            double b = double.PositiveInfinity;
            for (int c = 0; c < k; c++) if (c != own && size[c] > 0) b = Math.Min(b, sums[c] / size[c]);
            double denom = Math.Max(a, b);
            total += denom > 0 ? (b - a) / denom : 0;
        }
        return total / m;
    }
}
