using Vae.Data;

namespace Vae.Applications.SingleCell;

/// <summary>
/// Single-cell counts as the toolkit's data source <c>10x:&lt;dir&gt;</c> or <c>counts:&lt;file&gt;</c>
/// (<see cref="DataOptions"/>): the counts of the top highly variable genes as features (raw integers,
/// for a count likelihood), the metadata's <see cref="DataOptions.LabelKey"/> as labels, its
/// <see cref="DataOptions.BatchKey"/> as a one-hot condition, and a fixed random
/// <see cref="DataOptions.TestFraction"/> of the cells (seeded by <see cref="DataOptions.SplitSeed"/>)
/// held out as the test split. Genes are chosen on all cells (unsupervised, with the batches), so
/// loading the same options again gives the same genes and the same split.
/// </summary>
public static class CountData
{
    public static bool IsCountSource(string source) =>
        source.StartsWith("10x:", StringComparison.OrdinalIgnoreCase) || source.StartsWith("counts:", StringComparison.OrdinalIgnoreCase)
        || CountSource.H5adPath(source) is not null;

    /// <summary>The training and test sets of <paramref name="options"/> (see <see cref="Load"/>).</summary>
    public static (Dataset Train, Dataset Test) LoadSplits(DataOptions options)
    {
        if (H5adStreamedCells.LoadSplits(options) is { } streamed) return (streamed.Train, streamed.Test);   // the test cells without reading all
        var data = Load(options);
        return (data.Train, data.Test);
    }

    public static CellData Load(DataOptions options)
    {
        if (!IsCountSource(options.Source)) throw new VaeException($"--data {options.Source}: not a count source; use {CountSource.Help}.");
        var cells = AnnotatedCells.Load(options.Source, options.Metadata, options.LabelKey, options.BatchKey, options.Layer);
        cells.Counts.RequireCounts();
        int n = cells.Counts.Cells;
        var genes = SelectGenes(cells, options.HighlyVariableGenes);
        var test = HeldOutCells(n, options.TestFraction, options.SplitSeed, cells.Counts.Source);
        var isTest = new bool[n];
        foreach (int c in test) isTest[c] = true;
        var train = Enumerable.Range(0, n).Where(c => !isTest[c]).ToArray();
        string name = Path.GetFileName(cells.Counts.Source.TrimEnd('/', '\\'));
        return new CellData(cells, genes, train, test, ToDataset(cells, train, genes, name), ToDataset(cells, test, genes, name + " (test)"));
    }

    /// <summary>The top <paramref name="top"/> highly variable genes (all genes when null or at least the number of genes).</summary>
    public static int[] SelectGenes(AnnotatedCells cells, int? top) =>
        top is int t && t < cells.Counts.Genes
            ? HighlyVariableGenes.Select(cells.Counts.Counts, t, cells.Batches).Selected
            : Enumerable.Range(0, cells.Counts.Genes).ToArray();

    /// <summary>A random <paramref name="fraction"/> of <paramref name="n"/> cells (at least one, at most n − 1), in increasing order.</summary>
    public static int[] HeldOutCells(int n, double fraction, int seed, string source = "the data")
    {
        int nTest = Math.Max(1, (int)Math.Round(n * fraction));
        if (nTest >= n) throw new VaeException($"{source}: {n} cells are too few to hold out a test split.");
        var order = Enumerable.Range(0, n).ToArray();
        new Random(seed + 7919).Shuffle(order);
        return order[..nTest].Order().ToArray();
    }

    /// <summary>The cells at <paramref name="rows"/>: counts of <paramref name="genes"/>, labels, one-hot batches.</summary>
    public static Dataset ToDataset(AnnotatedCells cells, IReadOnlyList<int> rows, IReadOnlyList<int> genes, string name)
    {
        var features = cells.Counts.Counts.SelectRows(rows).ToDense(genes);
        var labels = cells.Labels is null ? null : rows.Select(r => cells.Labels[r]).ToArray();
        float[]? conditions = null;
        int width = 0;
        if (cells.Batches is { } batches)
        {
            width = cells.BatchNames!.Count;
            conditions = OneHot(rows.Select(r => batches[r]).ToArray(), width);
        }
        return new Dataset(name, features, DataShape.Vector(genes.Count), labels, cells.LabelNames, conditions, width);
    }

    /// <summary>Row-major one-hot codes: [codes.Length × width].</summary>
    public static float[] OneHot(IReadOnlyList<int> codes, int width)
    {
        var result = new float[(long)codes.Count * width];
        for (int i = 0; i < codes.Count; i++)
        {
            if ((uint)codes[i] >= (uint)width) throw new ArgumentOutOfRangeException(nameof(codes), codes[i], $"code outside 0..{width - 1}");
            result[(long)i * width + codes[i]] = 1f;
        }
        return result;
    }

    /// <summary>
    /// The metadata columns a count source uses when the command line does not name them: <c>cell_type</c>
    /// and <c>batch</c> when the metadata (or, for an h5ad source without metadata, its obs) has such
    /// columns. A name given explicitly is kept (it must exist when the data is loaded); <c>none</c> turns the column off.
    /// </summary>
    public static (string? LabelKey, string? BatchKey) ResolveKeys(string? metadata, string? labelKey, string? batchKey) =>
        ResolveKeys("", metadata, labelKey, batchKey);

    /// <summary>As <see cref="ResolveKeys(string?, string?, string?)"/>, for the source <paramref name="source"/> (an h5ad source's obs supplies the columns).</summary>
    public static (string? LabelKey, string? BatchKey) ResolveKeys(string source, string? metadata, string? labelKey, string? batchKey)
    {
        static bool IsNone(string? key) => key is not null && key.Equals("none", StringComparison.OrdinalIgnoreCase);
        var table = CountSource.Columns(source, metadata);
        if (table is null)
        {
            if (labelKey is not null && !IsNone(labelKey) || batchKey is not null && !IsNone(batchKey))
                throw new VaeException("--label-key and --batch-key name columns of --metadata <csv> (or of an h5ad file's obs); give the metadata too.");
            return (null, null);
        }
        var columns = table.Names;
        string? Resolve(string? key, string fallback) =>
            IsNone(key) ? null : key ?? columns.FirstOrDefault(c => c.Equals(fallback, StringComparison.OrdinalIgnoreCase));
        return (Resolve(labelKey, "cell_type"), Resolve(batchKey, "batch"));
    }
}
