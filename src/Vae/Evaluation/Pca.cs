using static TorchSharp.torch;

namespace Vae.Evaluation;

/// <summary>
/// Principal component analysis: the eigenvectors of the sample covariance with the largest
/// eigenvalues (computed in double precision with torch.linalg.eigh). Baseline for latent spaces.
/// </summary>
public sealed class Pca
{
    private Pca(double[] mean, double[,] components, double[] variances, double totalVariance)
    {
        Mean = mean;
        Components = components;
        ExplainedVariance = variances;
        TotalVariance = totalVariance;
    }

    public double[] Mean { get; }

    /// <summary>[k, D]: one unit-length component per row, by decreasing variance.</summary>
    public double[,] Components { get; }

    public double[] ExplainedVariance { get; }

    public double TotalVariance { get; }

    public int Count => ExplainedVariance.Length;

    /// <summary>Fits k components to <paramref name="rows"/> (N×D, row-major).</summary>
    public static Pca Fit(float[] rows, int dimension, int k)
    {
        int n = rows.Length / dimension;
        if (n < 2) throw new VaeException("PCA needs at least two examples.");
        if (k < 1 || k > dimension) throw new VaeException($"PCA: {k} components requested from {dimension}-dimensional data.");
        using var scope = NewDisposeScope();
        var x = tensor(rows, [n, dimension]).to(ScalarType.Float64);
        var mean = x.mean([0]);
        var centered = x - mean;
        var cov = centered.T.matmul(centered) / (n - 1);
        var (values, vectors) = linalg.eigh(cov);                 // ascending
        var top = vectors.flip(1).narrow(1, 0, k).T.contiguous();  // [k, D]
        var variances = values.flip(0).narrow(0, 0, k).clamp_min(0);
        var comps = new double[k, dimension];
        var flat = top.data<double>().ToArray();
        Buffer.BlockCopy(flat, 0, comps, 0, flat.Length * sizeof(double));
        // Fix each component's sign (largest-magnitude coordinate positive) so results are reproducible.
        for (int c = 0; c < k; c++)
        {
            int arg = 0;
            for (int j = 1; j < dimension; j++) if (Math.Abs(comps[c, j]) > Math.Abs(comps[c, arg])) arg = j;
            if (comps[c, arg] < 0) for (int j = 0; j < dimension; j++) comps[c, j] = -comps[c, j];
        }
        return new Pca(mean.data<double>().ToArray(), comps, variances.data<double>().ToArray(), values.clamp_min(0).sum().item<double>());
    }

    /// <summary>Coordinates of each row on the components: N×k, row-major.</summary>
    public double[] Transform(float[] rows)
    {
        int dim = Mean.Length, n = rows.Length / dim, k = Count;
        var result = new double[n * k];
        for (int i = 0; i < n; i++)
            for (int c = 0; c < k; c++)
            {
                double s = 0;
                for (int j = 0; j < dim; j++) s += (rows[i * dim + j] - Mean[j]) * Components[c, j];
                result[i * k + c] = s;
            }
        return result;
    }
}
