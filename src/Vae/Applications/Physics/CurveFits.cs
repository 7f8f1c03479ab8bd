using MathNet.Numerics;

namespace Vae.Applications.Physics;

/// <summary>The small least-squares fits the T_c estimates are made of.</summary>
public static class CurveFits
{
    /// <summary>
    /// Where y(T) changes fastest: the peak (<see cref="PeakLocation"/>) of |dy/dT|, the derivative taken
    /// by central differences between the neighbours of each interior grid point.
    /// </summary>
    public static double SteepestChange(IReadOnlyList<double> t, IReadOnlyList<double> y, double halfWidth)
    {
        if (t.Count < 4) throw new ArgumentException("locating the steepest change needs at least 4 points.", nameof(t));
        var mid = new double[t.Count - 2];
        var slope = new double[t.Count - 2];
        for (int k = 1; k < t.Count - 1; k++)
        {
            mid[k - 1] = t[k];
            slope[k - 1] = Math.Abs((y[k + 1] - y[k - 1]) / (t[k + 1] - t[k - 1]));
        }
        return PeakLocation(mid, slope, halfWidth);
    }

    /// <summary>
    /// The location of the maximum of y(T): a parabola fitted by least squares to the points within
    /// <paramref name="halfWidth"/> of the largest value, its vertex clipped to that window (the largest
    /// point itself when the parabola opens upwards or fewer than 3 points fall in the window).
    /// </summary>
    public static double PeakLocation(IReadOnlyList<double> t, IReadOnlyList<double> y, double halfWidth)
    {
        int arg = 0;
        for (int i = 1; i < y.Count; i++) if (y[i] > y[arg]) arg = i;
        var idx = Enumerable.Range(0, t.Count).Where(i => Math.Abs(t[i] - t[arg]) <= halfWidth + 1e-12).ToArray();
        if (idx.Length < 3) return t[arg];
        var (c0, c1, c2) = Quadratic(idx.Select(i => t[i] - t[arg]).ToArray(), idx.Select(i => y[i]).ToArray());
        if (c2 >= 0) return t[arg];
        double vertex = -c1 / (2 * c2);
        return t[arg] + Math.Clamp(vertex, -halfWidth, halfWidth);
    }

    // y = c0 + c1 x + c2 x² by least squares (Math.NET; x is centred, so the fit is well conditioned)
    static (double, double, double) Quadratic(double[] x, double[] y)
    {
        var c = Fit.Polynomial(x, y, 2);
        return (c[0], c[1], c[2]);
    }

    /// <summary>Weighted least squares y = a + b x (weights 1/σ²): a, b and their standard errors (scaled by √(χ²/dof) when dof > 0 and χ²/dof > 1).</summary>
    public static (double A, double AErr, double B, double BErr) Line(IReadOnlyList<double> x, IReadOnlyList<double> y, IReadOnlyList<double> sigma)
    {
        int n = x.Count;
        double sw = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
        for (int i = 0; i < n; i++)
        {
            double w = 1 / Math.Max(sigma[i] * sigma[i], 1e-300);
            sw += w; sx += w * x[i]; sy += w * y[i]; sxx += w * x[i] * x[i]; sxy += w * x[i] * y[i];
        }
        double det = sw * sxx - sx * sx;
        double a = (sxx * sy - sx * sxy) / det, b = (sw * sxy - sx * sy) / det;
        double chi2 = 0;
        for (int i = 0; i < n; i++) chi2 += Math.Pow((y[i] - a - b * x[i]) / sigma[i], 2);
        double scale = n > 2 ? Math.Max(1, chi2 / (n - 2)) : 1;
        return (a, Math.Sqrt(sxx / det * scale), b, Math.Sqrt(sw / det * scale));
    }
}
