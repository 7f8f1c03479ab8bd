using static TorchSharp.torch;

namespace Vae.Applications.Physics;

/// <summary>
/// The first principal component of a data set by power iteration on the covariance, applied
/// implicitly as v ← Xcᵀ(Xc v) / (n − 1): O(n·D) per iteration instead of the O(D³) eigendecomposition
/// of <see cref="Vae.Evaluation.Pca"/>, which takes minutes at D = 64² = 4096. The sign is fixed so
/// that the largest-magnitude coordinate is positive (as in <see cref="Vae.Evaluation.Pca"/>).
/// </summary>
public sealed class LeadingComponent
{
    private LeadingComponent(double[] mean, double[] component, double variance, double totalVariance, int iterations)
    {
        Mean = mean;
        Component = component;
        Variance = variance;
        TotalVariance = totalVariance;
        Iterations = iterations;
    }

    public double[] Mean { get; }

    /// <summary>Unit vector of length D.</summary>
    public double[] Component { get; }

    /// <summary>The variance along the component (the largest eigenvalue of the covariance).</summary>
    public double Variance { get; }

    /// <summary>The trace of the covariance.</summary>
    public double TotalVariance { get; }

    public int Iterations { get; }

    public static LeadingComponent Fit(float[] rows, int dimension, int maxIterations = 2000, double tolerance = 1e-10)
    {
        int n = rows.Length / dimension;
        if (n < 2) throw new VaeException("PCA needs at least two examples.");
        using var scope = NewDisposeScope();
        var x = tensor(rows, [n, dimension]).to(ScalarType.Float64);
        var mean = x.mean([0]);
        var xc = x - mean;
        double total = xc.square().sum().item<double>() / (n - 1);
        var v = xc.abs().sum(dim: 0);          // a deterministic start with a component along any direction the data varies in
        v /= v.norm();
        double lambda = 0;
        int it = 0;
        while (it++ < maxIterations)
        {
            var w = xc.T.matmul(xc.matmul(v)) / (n - 1);
            lambda = w.norm().item<double>();
            if (lambda == 0) break;
            w /= lambda;
            double change = (w - v).abs().max().item<double>();
            v = w;
            if (change < tolerance) break;
        }
        var comp = v.data<double>().ToArray();
        int arg = 0;
        for (int j = 1; j < comp.Length; j++) if (Math.Abs(comp[j]) > Math.Abs(comp[arg])) arg = j;
        if (comp[arg] < 0) for (int j = 0; j < comp.Length; j++) comp[j] = -comp[j];
        return new LeadingComponent(mean.data<double>().ToArray(), comp, lambda, total, it);
    }

    /// <summary>The coordinate of each row on the component.</summary>
    public double[] Transform(float[] rows)
    {
        int d = Mean.Length, n = rows.Length / d;
        var result = new double[n];
        for (int i = 0; i < n; i++)
        {
            double s = 0;
            for (int j = 0; j < d; j++) s += (rows[i * d + j] - Mean[j]) * Component[j];
            result[i] = s;
        }
        return result;
    }
}
