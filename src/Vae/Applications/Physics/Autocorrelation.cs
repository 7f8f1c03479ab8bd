namespace Vae.Applications.Physics;

/// <summary>The integrated autocorrelation time of a series, and the standard error of its mean that follows from it.</summary>
/// <param name="Tau">τ_int = ½ + Σ_{t=1..W} ρ(t), in steps of the series (½ for uncorrelated values).</param>
/// <param name="Window">The summation window W chosen by Sokal's rule (the smallest W ≥ c·τ_int(W)).</param>
/// <param name="Reliable">False when no such window was found below n/4, or the series is shorter than 50 τ.</param>
public sealed record Autocorrelation(double Tau, int Window, double Mean, double Variance, int Count, bool Reliable)
{
    /// <summary>Sokal's window constant c.</summary>
    public const double WindowFactor = 6.0;

    /// <summary>Standard error of the mean: √(2 τ_int σ² / n).</summary>
    public double StandardError => Count < 2 ? double.NaN : Math.Sqrt(2 * Tau * Variance / Count);

    /// <summary>Effective number of independent values n / (2 τ_int).</summary>
    public double EffectiveCount => Count / (2 * Tau);

    /// <summary>
    /// Estimates τ_int with Sokal's automatic window (A. Sokal, "Monte Carlo methods in statistical
    /// mechanics", 1996): the autocorrelation ρ(t) is summed up to the first W with W ≥ c·τ_int(W).
    /// </summary>
    public static Autocorrelation Of(IReadOnlyList<double> series)
    {
        int n = series.Count;
        if (n < 2) return new Autocorrelation(0.5, 0, n == 1 ? series[0] : double.NaN, 0, n, false);
        double mean = 0;
        for (int i = 0; i < n; i++) mean += series[i];
        mean /= n;
        var d = new double[n];
        for (int i = 0; i < n; i++) d[i] = series[i] - mean;
        double c0 = Covariance(d, 0);
        double variance = c0 * n / (n - 1);
        if (c0 <= 1e-300 * (1 + mean * mean)) return new Autocorrelation(0.5, 0, mean, 0, n, true); // constant series
        double tau = 0.5;
        int maxWindow = n / 4;
        for (int w = 1; w <= maxWindow; w++)
        {
            tau += Covariance(d, w) / c0;
            if (w >= WindowFactor * tau)
            {
                tau = Math.Max(tau, 0.5 / n);
                return new Autocorrelation(tau, w, mean, variance, n, n >= 50 * tau);
            }
        }
        return new Autocorrelation(Math.Max(tau, 0.5), maxWindow, mean, variance, n, false);
    }

    static double Covariance(double[] d, int lag)
    {
        double s = 0;
        for (int i = 0; i + lag < d.Length; i++) s += d[i] * d[i + lag];
        return s / (d.Length - lag);
    }
}
