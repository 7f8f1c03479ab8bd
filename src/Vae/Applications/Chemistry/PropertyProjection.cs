using MathNet.Numerics;
using MathNet.Numerics.LinearAlgebra;
using Vae.Evaluation;

namespace Vae.Applications.Chemistry;

/// <summary>
/// A 2-D view of latent means that shows how a property is laid out: the first axis is the
/// direction w of the least-squares fit y ≈ w·μ + b (so moving along it changes the property
/// most, linearly), the second the first principal component of μ with that direction removed.
/// <see cref="R2"/> says how much of the property's variance the first axis explains.
/// </summary>
public sealed record PropertyProjection(double[] X, double[] Y, double R2)
{
    public static PropertyProjection Fit(float[] means, int d, double[] y)
    {
        int n = y.Length;
        var rows = Enumerable.Range(0, n).Where(i => double.IsFinite(y[i])).ToArray();
        var mu = new double[d];
        foreach (int i in rows) for (int j = 0; j < d; j++) mu[j] += means[i * d + j] / rows.Length;
        double yMean = rows.Average(i => y[i]);
        // normal equations (XᵀX + εI) w = Xᵀy on centred data, solved by Cholesky (Math.NET)
        var a = Matrix<double>.Build.Dense(d, d);
        var b = Vector<double>.Build.Dense(d);
        foreach (int i in rows)
            for (int j = 0; j < d; j++)
            {
                double xj = means[i * d + j] - mu[j];
                for (int k = 0; k < d; k++) a[j, k] += xj * (means[i * d + k] - mu[k]);
                b[j] += xj * (y[i] - yMean);
            }
        for (int j = 0; j < d; j++) a[j, j] += 1e-9 * rows.Length;
        var w = a.Cholesky().Solve(b).ToArray();
        double norm = Math.Sqrt(w.Sum(v => v * v));
        var u = w.Select(v => norm > 0 ? v / norm : 0).ToArray();
        var x = new double[n];
        var residual = new float[n * d];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < d; j++) x[i] += (means[i * d + j] - mu[j]) * u[j];
            for (int j = 0; j < d; j++) residual[i * d + j] = (float)(means[i * d + j] - mu[j] - x[i] * u[j]);
        }
        var second = Pca.Fit(residual, d, 1).Transform(residual);
        double r2 = GoodnessOfFit.CoefficientOfDetermination(rows.Select(i => yMean + x[i] * norm), rows.Select(i => y[i]));
        return new PropertyProjection(x, second, double.IsFinite(r2) ? r2 : 0);
    }
}
