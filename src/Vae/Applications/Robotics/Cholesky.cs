namespace Vae.Applications.Robotics;

/// <summary>Solves A X = B for a symmetric positive-definite A given by its lower triangle.</summary>
public static class Cholesky
{
    public static double[,] Solve(double[,] a, double[,] b)
    {
        int n = a.GetLength(0), m = b.GetLength(1);
        var l = new double[n, n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j <= i; j++)
            {
                double s = a[i, j];
                for (int k = 0; k < j; k++) s -= l[i, k] * l[j, k];
                if (i == j)
                {
                    if (s <= 0) throw new VaeException("linear probe: the normal equations are not positive definite (too few rows for the features?).");
                    l[i, i] = Math.Sqrt(s);
                }
                else l[i, j] = s / l[j, j];
            }
        var x = new double[n, m];
        for (int c = 0; c < m; c++)
        {
            var z = new double[n];
            for (int i = 0; i < n; i++)
            {
                double s = b[i, c];
                for (int k = 0; k < i; k++) s -= l[i, k] * z[k];
                z[i] = s / l[i, i];
            }
            for (int i = n - 1; i >= 0; i--)
            {
                double s = z[i];
                for (int k = i + 1; k < n; k++) s -= l[k, i] * x[k, c];
                x[i, c] = s / l[i, i];
            }
        }
        return x;
    }
}
