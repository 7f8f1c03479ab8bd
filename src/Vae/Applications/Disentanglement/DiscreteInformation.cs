namespace Vae.Applications.Disentanglement;

/// <summary>
/// Plug-in information measures on discrete samples, as disentanglement_lib computes them
/// (sklearn.metrics.mutual_info_score, natural logarithms), and its histogram discretiser.
/// </summary>
public static class DiscreteInformation
{
    /// <summary>
    /// numpy's <c>digitize(x, histogram(x, bins)[1][:-1])</c>: <paramref name="bins"/> equal-width
    /// bins between the smallest and largest value (±0.5 around a constant), numbered 1 … bins;
    /// the largest value falls in the last bin.
    /// </summary>
    public static int[] Histogram(double[] values, int bins)
    {
        double lo = values.Min(), hi = values.Max();
        if (lo == hi) { lo -= 0.5; hi += 0.5; }
        var edges = new double[bins];
        double step = (hi - lo) / bins;
        for (int b = 0; b < bins; b++) edges[b] = b * step + lo;   // numpy.linspace's rounding
        var result = new int[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            int bin = Array.BinarySearch(edges, values[i]);
            result[i] = bin >= 0 ? LastEqual(edges, bin) + 1 : ~bin;  // number of edges ≤ value
        }
        return result;
    }

    static int LastEqual(double[] edges, int i)
    {
        while (i + 1 < edges.Length && edges[i + 1] == edges[i]) i++;
        return i;
    }

    /// <summary>I(a; b) = Σ p(a,b) log(p(a,b) / (p(a) p(b))) of the empirical joint distribution, in nats.</summary>
    public static double MutualInformation(int[] a, int[] b)
    {
        if (a.Length != b.Length) throw new ArgumentException($"{a.Length} and {b.Length} samples.");
        int n = a.Length;
        var joint = new Dictionary<(int, int), int>();
        var ca = new Dictionary<int, int>();
        var cb = new Dictionary<int, int>();
        for (int i = 0; i < n; i++)
        {
            joint[(a[i], b[i])] = joint.GetValueOrDefault((a[i], b[i])) + 1;
            ca[a[i]] = ca.GetValueOrDefault(a[i]) + 1;
            cb[b[i]] = cb.GetValueOrDefault(b[i]) + 1;
        }
        double mi = 0;
        foreach (var ((x, y), c) in joint)
            mi += c / (double)n * Math.Log((double)c * n / ((double)ca[x] * cb[y]));
        return Math.Max(0, mi);
    }

    /// <summary>H(a) = I(a; a), in nats.</summary>
    public static double Entropy(int[] a) => MutualInformation(a, a);

    /// <summary>The matrix I(discretised code i; factor k): Dim × FactorCount, row-major.</summary>
    public static double[] CodeFactorInformation(CodeSample sample, int bins)
    {
        var mi = new double[sample.Dim * sample.FactorCount];
        var factors = Enumerable.Range(0, sample.FactorCount).Select(sample.Factor).ToArray();
        Parallel.For(0, sample.Dim, i =>
        {
            var code = Histogram(sample.Code(i), bins);
            for (int k = 0; k < sample.FactorCount; k++) mi[i * sample.FactorCount + k] = MutualInformation(code, factors[k]);
        });
        return mi;
    }
}
