using Vae.Evaluation;
using Vae.Reporting;

namespace Vae.Applications.SingleCell;

/// <summary>
/// 2-D pictures of an embedding of cells: its first two principal components (the embedding itself
/// when it has two dimensions), one PNG coloured by cell type and one by batch.
/// </summary>
public static class LatentPlots
{
    /// <summary>Writes <c>&lt;prefix&gt;-cell-type.png</c> and (with batches) <c>&lt;prefix&gt;-batch.png</c> into <paramref name="directory"/>; returns the paths.</summary>
    public static IReadOnlyList<string> Write(string directory, string prefix, string title, float[] embedding, int dim,
        int[]? labels, IReadOnlyList<string>? labelNames, int[]? batches, IReadOnlyList<string>? batchNames)
    {
        Directory.CreateDirectory(directory);
        var (xs, ys, axis) = Project(embedding, dim);
        var paths = new List<string>();
        string typePath = Path.Combine(directory, prefix + "-cell-type.png");
        Plots.Scatter2D(typePath, xs, ys, labels, labelNames, $"{title}, coloured by cell type", axis + " 1", axis + " 2");
        paths.Add(typePath);
        if (batches is not null)
        {
            string batchPath = Path.Combine(directory, prefix + "-batch.png");
            Plots.Scatter2D(batchPath, xs, ys, batches, batchNames, $"{title}, coloured by batch", axis + " 1", axis + " 2");
            paths.Add(batchPath);
        }
        return paths;
    }

    static (double[] X, double[] Y, string Axis) Project(float[] embedding, int dim)
    {
        int n = embedding.Length / dim;
        if (dim == 2)
            return (Enumerable.Range(0, n).Select(i => (double)embedding[2 * i]).ToArray(), Enumerable.Range(0, n).Select(i => (double)embedding[2 * i + 1]).ToArray(), "dimension");
        if (dim == 1)
            return (Enumerable.Range(0, n).Select(i => (double)embedding[i]).ToArray(), new double[n], "dimension");
        var coords = Pca.Fit(embedding, dim, 2).Transform(embedding);
        return (Enumerable.Range(0, n).Select(i => coords[2 * i]).ToArray(), Enumerable.Range(0, n).Select(i => coords[2 * i + 1]).ToArray(), "PC");
    }
}
