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
        var paths = new List<string>();
        foreach (var (suffix, png) in Render(title, embedding, dim, labels, labelNames, batches, batchNames))
        {
            string path = Path.Combine(directory, prefix + "-" + suffix + ".png");
            IO.AtomicFile.WriteAllBytes(path, png);
            paths.Add(path);
        }
        return paths;
    }

    /// <summary>The PNGs <see cref="Write"/> writes, with their names' suffixes (cell-type, batch).</summary>
    public static IReadOnlyList<(string Suffix, byte[] Png)> Render(string title, float[] embedding, int dim,
        int[]? labels, IReadOnlyList<string>? labelNames, int[]? batches, IReadOnlyList<string>? batchNames)
    {
        var (xs, ys, axis) = Project(embedding, dim);
        var pngs = new List<(string, byte[])> { ("cell-type", Plots.Scatter2DPng(xs, ys, labels, labelNames, $"{title}, coloured by cell type", axis + " 1", axis + " 2")) };
        if (batches is not null)
            pngs.Add(("batch", Plots.Scatter2DPng(xs, ys, batches, batchNames, $"{title}, coloured by batch", axis + " 1", axis + " 2")));
        return pngs;
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
