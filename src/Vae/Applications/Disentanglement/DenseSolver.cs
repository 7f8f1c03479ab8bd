using MathNet.Numerics.LinearAlgebra;

namespace Vae.Applications.Disentanglement;

/// <summary>Solves small symmetric positive (semi-)definite systems by Cholesky factorisation (Math.NET).</summary>
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
        var rhs = Vector<double>.Build.DenseOfArray(b);
        for (double jitter = 0; ; jitter = jitter == 0 ? 1e-10 * scale : jitter * 10)
        {
            if (jitter > scale * 1e6) throw new InvalidOperationException("the system is not positive definite.");
            var m = Matrix<double>.Build.Dense(n, n, (i, j) => a[i, j] + (i == j ? jitter : 0));
            var x = TrySolve(m, rhs);
            if (x is not null) return x;
        }
    }

    static double[]? TrySolve(Matrix<double> m, Vector<double> b)
    {
        try
        {
            var x = m.Cholesky().Solve(b).ToArray();
            return x.All(double.IsFinite) ? x : null;
        }
        catch (ArgumentException) { return null; }
    }
}
