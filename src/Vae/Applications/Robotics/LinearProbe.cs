using MathNet.Numerics;
using MathNet.Numerics.LinearAlgebra;

namespace Vae.Applications.Robotics;

/// <summary>
/// Least-squares linear regression with an intercept from features (N×k) to targets (N×m), in double
/// precision: features are standardised with the training mean and standard deviation, then the
/// normal equations (with a tiny ridge term for constant or collinear features) are solved by
/// Cholesky. <see cref="RSquared"/> scores held-out rows: 1 − Σ(y − ŷ)² / Σ(y − ȳ)², ȳ the held-out mean.
/// </summary>
public sealed class LinearProbe
{
    private readonly double[] mean, scale;
    private readonly double[,] weights;   // [k + 1, m]: row 0 is the intercept

    private LinearProbe(double[] mean, double[] scale, double[,] weights)
    {
        this.mean = mean;
        this.scale = scale;
        this.weights = weights;
    }

    public int Features => mean.Length;
    public int Targets => weights.GetLength(1);

    /// <summary>Fits the map. <paramref name="x"/>: N×k row-major; <paramref name="y"/>: N×m row-major.</summary>
    public static LinearProbe Fit(double[] x, int k, double[] y, int m, double ridge = 1e-8)
    {
        int n = x.Length / k;
        if (n * k != x.Length || n * m != y.Length) throw new ArgumentException("x and y must have the same number of rows.");
        if (n < 2) throw new VaeException("a linear probe needs at least two training rows.");
        var mean = new double[k];
        var scale = new double[k];
        for (int j = 0; j < k; j++)
        {
            double s = 0, ss = 0;
            for (int i = 0; i < n; i++) s += x[i * k + j];
            mean[j] = s / n;
            for (int i = 0; i < n; i++) ss += Square(x[i * k + j] - mean[j]);
            double sd = Math.Sqrt(ss / n);
            scale[j] = sd > 1e-12 ? sd : 1;
        }
        int p = k + 1;
        var gram = new double[p, p];
        var rhs = new double[p, m];
        var row = new double[p];
        for (int i = 0; i < n; i++)
        {
            Standardise(x, i, k, mean, scale, row);
            for (int a = 0; a < p; a++)
            {
                for (int b = 0; b <= a; b++) gram[a, b] += row[a] * row[b];
                for (int c = 0; c < m; c++) rhs[a, c] += row[a] * y[i * m + c];
            }
        }
        for (int a = 1; a < p; a++) gram[a, a] += ridge * n;
        return new LinearProbe(mean, scale, SolveNormalEquations(gram, rhs));
    }

    // gram: [p, p], lower triangle filled; rhs: [p, m]. Cholesky (Math.NET).
    static double[,] SolveNormalEquations(double[,] gram, double[,] rhs)
    {
        var a = Matrix<double>.Build.Dense(gram.GetLength(0), gram.GetLength(0), (i, j) => i >= j ? gram[i, j] : gram[j, i]);
        try { return a.Cholesky().Solve(Matrix<double>.Build.DenseOfArray(rhs)).ToArray(); }
        catch (ArgumentException) { throw new VaeException("linear probe: the normal equations are not positive definite (too few rows for the features?)."); }
    }

    /// <summary>Predictions for the rows of <paramref name="x"/> (N×k): N×m.</summary>
    public double[] Predict(double[] x)
    {
        int k = Features, m = Targets, n = x.Length / k;
        var result = new double[n * m];
        var row = new double[k + 1];
        for (int i = 0; i < n; i++)
        {
            Standardise(x, i, k, mean, scale, row);
            for (int c = 0; c < m; c++)
            {
                double s = 0;
                for (int a = 0; a <= k; a++) s += row[a] * weights[a, c];
                result[i * m + c] = s;
            }
        }
        return result;
    }

    /// <summary>The map in the original feature units: y ≈ b + W x, W as [m, k] row-major.</summary>
    public (double[] Intercept, double[] Weights) Coefficients()
    {
        int k = Features, m = Targets;
        var w = new double[m * k];
        var b = new double[m];
        for (int c = 0; c < m; c++)
        {
            b[c] = weights[0, c];
            for (int j = 0; j < k; j++)
            {
                w[c * k + j] = weights[j + 1, c] / scale[j];
                b[c] -= w[c * k + j] * mean[j];
            }
        }
        return (b, w);
    }

    /// <summary>Held-out R² of each target column.</summary>
    public double[] Score(double[] x, double[] y) => RSquared(y, Predict(x), Targets);

    public static double[] RSquared(double[] truth, double[] predicted, int m)
    {
        int n = truth.Length / m;
        var r2 = new double[m];
        for (int c = 0; c < m; c++)
        {
            var rows = Enumerable.Range(0, n).Select(i => i * m + c);
            double r = GoodnessOfFit.CoefficientOfDetermination(rows.Select(i => predicted[i]), rows.Select(i => truth[i]));
            r2[c] = double.IsFinite(r) ? r : double.NaN;
        }
        return r2;
    }

    static void Standardise(double[] x, int i, int k, double[] mean, double[] scale, double[] row)
    {
        row[0] = 1;
        for (int j = 0; j < k; j++) row[j + 1] = (x[i * k + j] - mean[j]) / scale[j];
    }

    static double Square(double v) => v * v;
}
