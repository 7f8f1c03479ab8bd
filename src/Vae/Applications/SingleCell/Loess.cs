namespace Vae.Applications.SingleCell;

/// <summary>
/// Local polynomial regression (Cleveland's loess, one predictor, degree 2, no robustness
/// iterations), computed directly at every data point: the fit at x₀ is the weighted least-squares
/// quadratic through the q = ⌊span·n⌋ nearest points, with tricube weights (1 − (d/h)³)³ where h is
/// the distance to the farthest of them. (R's and skmisc's loess interpolate between kd-tree
/// vertices by default; the direct fit differs from that by far less than the spread of the data.)
/// </summary>
public static class Loess
{
    /// <summary>Fitted values at each x (any order).</summary>
    public static double[] Fit(IReadOnlyList<double> x, IReadOnlyList<double> y, double span = 0.3)
    {
        int n = x.Count;
        if (y.Count != n) throw new ArgumentException("x and y differ in length.");
        if (!(span > 0 && span <= 1)) throw new ArgumentOutOfRangeException(nameof(span), span, "span: must be in (0, 1].");
        if (n == 0) return [];
        var order = Enumerable.Range(0, n).OrderBy(i => x[i]).ToArray();
        var xs = order.Select(i => x[i]).ToArray();
        var ys = order.Select(i => y[i]).ToArray();
        int q = Math.Clamp((int)Math.Floor(span * n), Math.Min(n, 3), n);
        var fitted = new double[n];
        int lo = 0;
        for (int i = 0; i < n; i++)
        {
            double x0 = xs[i];
            while (lo + q < n && xs[lo + q] - x0 < x0 - xs[lo]) lo++;
            double h = Math.Max(x0 - xs[lo], xs[lo + q - 1] - x0);
            fitted[order[i]] = FitAt(xs, ys, lo, lo + q, x0, h);
        }
        return fitted;
    }

    // Weighted quadratic fit on points [from, to) around x0 with bandwidth h; returns its value at x0.
    static double FitAt(double[] xs, double[] ys, int from, int to, double x0, double h)
    {
        Span<double> s = stackalloc double[5];
        Span<double> t = stackalloc double[3];
        for (int j = from; j < to; j++)
        {
            double u = h > 0 ? (xs[j] - x0) / h : 0;
            double a = Math.Abs(u);
            double w = h > 0 ? (a < 1 ? Math.Pow(1 - a * a * a, 3) : 0) : 1;
            if (w == 0) continue;
            double p = w;
            for (int k = 0; k < 5; k++) { s[k] += p; if (k < 3) t[k] += p * ys[j]; p *= u; }
        }
        if (s[0] <= 0) return double.NaN;
        // Normal equations of [1, u, u²]: solve the 3×3 system; fall back to a line, then a weighted mean, when degenerate.
        double det3 = s[0] * (s[2] * s[4] - s[3] * s[3]) - s[1] * (s[1] * s[4] - s[3] * s[2]) + s[2] * (s[1] * s[3] - s[2] * s[2]);
        double scale = s[0] * s[2] * s[4];
        if (scale > 0 && Math.Abs(det3) > 1e-10 * scale)
            return (t[0] * (s[2] * s[4] - s[3] * s[3]) - s[1] * (t[1] * s[4] - s[3] * t[2]) + s[2] * (t[1] * s[3] - s[2] * t[2])) / det3;
        double det2 = s[0] * s[2] - s[1] * s[1];
        if (s[2] > 0 && det2 > 1e-10 * s[0] * s[2])
            return (t[0] * s[2] - s[1] * t[1]) / det2;
        return t[0] / s[0];
    }
}
