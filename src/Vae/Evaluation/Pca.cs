using static TorchSharp.torch;

namespace Vae.Evaluation;

/// <summary>
/// Principal component analysis of N × D rows (centred, not scaled), the toolkit's one PCA. Two ways
/// to fit it:
/// <list type="bullet">
/// <item><see cref="Fit"/>: exact, the eigenvectors of the sample covariance with the largest
/// eigenvalues (torch.linalg.eigh in double precision); O(N·D² + D³), for small D.</item>
/// <item><see cref="FitRandomized"/>: the leading components by randomized subspace iteration (Halko,
/// Martinsson and Tropp 2011, algorithm 4.4): a seeded Gaussian test matrix with k + oversampling
/// columns, power iterations re-orthonormalised by QR, then an exact SVD of the projected matrix.
/// O(N·D·k), so it stays fast for 100,000 cells × 2,000 genes or 4,096 pixels; in single or double
/// precision.</item>
/// </list>
/// Each component's sign is fixed so that its largest-magnitude coordinate is positive, so results are reproducible.
/// </summary>
public sealed class Pca
{
    public const int DefaultOversampling = 20;
    public const int DefaultPowerIterations = 4;

    private Pca(double[] mean, double[,] components, double[] variances, double totalVariance, ScalarType precision)
    {
        Mean = mean;
        Components = components;
        ExplainedVariance = variances;
        TotalVariance = totalVariance;
        Precision = precision;
    }

    public double[] Mean { get; }

    /// <summary>[k, D]: one unit-length component per row, by decreasing variance.</summary>
    public double[,] Components { get; }

    /// <summary>The variance along each component (the covariance's leading eigenvalues).</summary>
    public double[] ExplainedVariance { get; }

    /// <summary>The trace of the sample covariance.</summary>
    public double TotalVariance { get; }

    /// <summary>Float64, or Float32 for a single-precision randomized fit; <see cref="Transform"/> computes in it.</summary>
    public ScalarType Precision { get; }

    public int Count => ExplainedVariance.Length;

    public int Dimension => Mean.Length;

    /// <summary>Fits k components exactly to <paramref name="rows"/> (N×D, row-major).</summary>
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
        var top = vectors.flip(1).narrow(1, 0, k).T;               // [k, D]
        var variances = values.flip(0).narrow(0, 0, k).clamp_min(0);
        return new Pca(mean.data<double>().ToArray(), ToArray(SignFixed(top)), variances.data<double>().ToArray(),
            values.clamp_min(0).sum().item<double>(), ScalarType.Float64);
    }

    /// <summary>
    /// Fits the leading k components of <paramref name="rows"/> (N×D, row-major) by randomized subspace
    /// iteration with a test matrix drawn from <paramref name="seed"/>, computing in double or (the
    /// default, for large tables) single precision.
    /// </summary>
    public static Pca FitRandomized(float[] rows, int dimension, int k, int seed = 0, bool doublePrecision = false,
        int oversampling = DefaultOversampling, int powerIterations = DefaultPowerIterations)
    {
        int n = rows.Length / dimension;
        if (n < 2) throw new VaeException("PCA needs at least two rows.");
        if (k < 1 || k > Math.Min(n, dimension)) throw new VaeException($"PCA: {k} components requested from {n} rows of {dimension} values.");
        var precision = doublePrecision ? ScalarType.Float64 : ScalarType.Float32;
        using var scope = NewDisposeScope();
        using var generator = new Generator((ulong)seed);
        var x = tensor(rows, [n, dimension]).to(precision);
        var mean = x.mean([0], keepdim: true);
        x.sub_(mean);
        int l = Math.Min(k + oversampling, Math.Min(n, dimension));
        var q = linalg.qr(x.matmul(randn([dimension, l], precision, generator: generator))).Q;   // [N, l]
        for (int i = 0; i < powerIterations; i++)
        {
            var z = linalg.qr(x.T.matmul(q)).Q;   // [D, l]
            q = linalg.qr(x.matmul(z)).Q;          // [N, l]
        }
        var (_, s, vh) = linalg.svd(q.T.matmul(x), fullMatrices: false);   // vh [l, D]
        var variances = s.narrow(0, 0, k).square().div(n - 1).to(ScalarType.Float64);
        double total = x.to(ScalarType.Float64).square().sum().item<double>() / (n - 1);
        return new Pca(mean.to(ScalarType.Float64).data<double>().ToArray(), ToArray(SignFixed(vh.narrow(0, 0, k))),
            variances.data<double>().ToArray(), total, precision);
    }

    /// <summary>Coordinates of each row on the components: N×k, row-major (computed in <see cref="Precision"/>).</summary>
    public double[] Transform(float[] rows)
    {
        using var scope = NewDisposeScope();
        int n = rows.Length / Dimension;
        var x = tensor(rows, [n, Dimension]).to(Precision) - tensor(Mean).to(Precision);
        var components = tensor(Components).to(Precision).T;   // [D, k]
        // The layouts of the two randomized PCAs this class replaced, so that their results stay the same
        // to the bit (BLAS rounds a transposed operand differently): a contiguous copy in single precision.
        if (Precision == ScalarType.Float32) components = components.contiguous();
        return x.matmul(components).to(ScalarType.Float64).contiguous().data<double>().ToArray();
    }

    // components [k, D]: each row times the sign of its largest-magnitude coordinate.
    static Tensor SignFixed(Tensor components) =>
        components * components.gather(1, components.abs().argmax(1, keepdim: true)).sign();

    static double[,] ToArray(Tensor components)
    {
        var c = components.to(ScalarType.Float64).contiguous();
        var result = new double[c.shape[0], c.shape[1]];
        var flat = c.data<double>().ToArray();
        Buffer.BlockCopy(flat, 0, result, 0, flat.Length * sizeof(double));
        return result;
    }
}
