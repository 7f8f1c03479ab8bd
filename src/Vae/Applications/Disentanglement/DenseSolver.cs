namespace Vae.Applications.Disentanglement;

/// <summary>Solves small symmetric positive (semi-)definite systems by Cholesky factorisation.</summary>
public static class DenseSolver
{
    /// <summary>
    /// x with (A + λI)x = b for a symmetric n × n <paramref name="a"/>, where λ starts at 0 and grows
    /// (1e-10 · trace/n, ×10 each time) until the factorisation succeeds: the minimum-change solution
    /// for semi-definite A. <paramref name="a"/> is not modified.
    /// </summary>
    public static double[] SolveSymmetric(double[,] a, double[] b)
    {
        int n = b.Length;
        double scale = 0;
        for (int i = 0; i < n; i++) scale += Math.Abs(a[i, i]);
        scale = Math.Max(scale / n, 1e-300);
        for (double jitter = 0; ; jitter = jitter == 0 ? 1e-10 * scale : jitter * 10)
        {
            if (jitter > scale * 1e6) throw new InvalidOperationException("the system is not positive definite.");
            var l = Factor(a, jitter);
            if (l is null) continue;
            var y = new double[n];
            for (int i = 0; i < n; i++)
            {
                double s = b[i];
                for (int k = 0; k < i; k++) s -= l[i, k] * y[k];
                y[i] = s / l[i, i];
            }
            var x = new double[n];
            for (int i = n - 1; i >= 0; i--)
            {
                double s = y[i];
                for (int k = i + 1; k < n; k++) s -= l[k, i] * x[k];
                x[i] = s / l[i, i];
            }
            return x;
        }
    }

    static double[,]? Factor(double[,] a, double jitter)
    {
        int n = a.GetLength(0);
        var l = new double[n, n];
        for (int j = 0; j < n; j++)
        {
            double d = a[j, j] + jitter;
            for (int k = 0; k < j; k++) d -= l[j, k] * l[j, k];
            if (!(d > 0)) return null;
            l[j, j] = Math.Sqrt(d);
            for (int i = j + 1; i < n; i++)
            {
                double s = a[i, j];
                for (int k = 0; k < j; k++) s -= l[i, k] * l[j, k];
                l[i, j] = s / l[j, j];
            }
        }
        return l;
    }
}
