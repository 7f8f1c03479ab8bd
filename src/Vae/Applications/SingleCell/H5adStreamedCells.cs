using Vae.Data;
using static TorchSharp.torch;

namespace Vae.Applications.SingleCell;

/// <summary>
/// An AnnData file's cells streamed for training (<c>--stream</c>): the training cells are read from X (or a
/// layer) in blocks of rows when a batch needs them, so memory holds a few blocks, not the matrix. The test
/// split (the same random <see cref="DataOptions.TestFraction"/> of the cells as without streaming), the
/// validation cells (<see cref="DataOptions.ValidationSize"/> of the rest, drawn by the split seed) and a
/// sample of the first training cells (for the trainer's checks) are read into memory. The genes are those of
/// the file (no highly-variable-gene selection: select them beforehand, or load without --stream).
/// </summary>
public sealed class H5adStreamedCells : IStreamedTrainingSet
{
    /// <summary>Rows per block read from the file, unless told otherwise.</summary>
    public const int DefaultBlockRows = 8192;

    H5adStreamedCells(string path, string? layer, int rows, int genes, bool[] heldOut, int[]? batches, int conditions, long count, int blockRows)
    {
        BlockRows = blockRows;
        Path = path;
        Layer = layer;
        Rows = rows;
        Genes = genes;
        HeldOut = heldOut;
        Batches = batches;
        Conditions = conditions;
        Count = count;
    }

    public string Path { get; }

    /// <summary>Rows per block read from the file.</summary>
    public int BlockRows { get; }
    public string? Layer { get; }
    public int Rows { get; }
    public int Genes { get; }

    /// <summary>Per cell: held out of training (test or validation).</summary>
    public bool[] HeldOut { get; }

    /// <summary>Per cell: its batch code (the one-hot condition), or null without batches.</summary>
    public int[]? Batches { get; }
    public int Conditions { get; }
    public long Count { get; }

    public IBatchSource Open(Device device, int batchSize) => new H5adBatchStream(this, device, batchSize);

    /// <summary>The splits of a streamed h5ad source, or null when <paramref name="options"/> does not ask for streaming.</summary>
    public static DataSplits? LoadSplits(DataOptions options) => LoadSplits(options, DefaultBlockRows);

    /// <summary>As <see cref="LoadSplits(DataOptions)"/>, reading <paramref name="blockRows"/> rows at a time.</summary>
    public static DataSplits? LoadSplits(DataOptions options, int blockRows)
    {
        if (!options.Stream) return null;
        string path = CountSource.H5adPath(options.Source) ?? throw new VaeException($"--stream: only AnnData files (--data h5ad:<file>) are streamed, not {options.Source}.");
        if (options.TrainLimit is not null) throw new VaeException("--train-size: not available with --stream (the whole file is streamed).");
        int rows, genes;
        IReadOnlyList<string> barcodes;
        using (var file = H5adFile.Open(path))
        {
            var matrix = H5adMatrix.Open(file, options.Layer);
            if (matrix.Layout == H5adLayout.Csc) throw new VaeException($"--stream: {path}: {matrix.ObjectPath} is stored by gene (CSC); streaming cells needs CSR or dense (re-save it as CSR, or load without --stream).");
            (rows, genes) = (matrix.Rows, matrix.Columns);
            barcodes = H5adCounts.Names(file, matrix).Barcodes;
        }
        if (options.HighlyVariableGenes is int top && top < genes)
            throw new VaeException($"--stream reads the file's {genes:N0} genes as they are; give --hvg 0 (select genes beforehand) or load without --stream to select {top}.");
        var columns = options.LabelKey is null && options.BatchKey is null ? null : CountSource.Columns(options.Source, options.Metadata);
        var (labels, labelNames) = options.LabelKey is null ? (null, null) : Categories.Encode(columns!.Values(barcodes, options.LabelKey, "--label-key"));
        var (batches, batchNames) = options.BatchKey is null ? (null, null) : Categories.Encode(columns!.Values(barcodes, options.BatchKey, "--batch-key"));

        var test = CountData.HeldOutCells(rows, options.TestFraction, options.SplitSeed, path);
        var heldOut = new bool[rows];
        foreach (int c in test) heldOut[c] = true;
        int[] validation = [];
        if (options.ValidationSize > 0)
        {
            var candidates = Enumerable.Range(0, rows).Where(c => !heldOut[c]).ToArray();
            if (options.ValidationSize >= candidates.Length) throw new VaeException($"--val-size {options.ValidationSize}: the training set has only {candidates.Length} cells.");
            new Random(options.SplitSeed).Shuffle(candidates);
            validation = candidates[..options.ValidationSize].Order().ToArray();
            foreach (int c in validation) heldOut[c] = true;
        }
        long count = rows - heldOut.LongCount(h => h);
        var sample = Enumerable.Range(0, rows).Where(c => !heldOut[c]).Take(DataSources.StreamSample).ToArray();
        var cells = new H5adStreamedCells(path, options.Layer, rows, genes, heldOut, batches, batchNames?.Length ?? 0, count, blockRows);
        string name = System.IO.Path.GetFileName(path);
        Dataset Part(int[] which, string suffix) => cells.Materialize(which, labels, labelNames, name + suffix);
        return new DataSplits(Part(sample, ""), validation.Length == 0 ? null : Part(validation, " (validation)"), Part(test, " (test)"),
            Streamed: cells);
    }

    /// <summary>The cells <paramref name="which"/> (increasing) read in blocks: counts, labels, one-hot batches.</summary>
    Dataset Materialize(int[] which, int[]? labels, IReadOnlyList<string>? labelNames, string name)
    {
        var features = new float[(long)which.Length * Genes];
        using var file = H5adFile.Open(Path);
        var matrix = H5adMatrix.Open(file, Layer);
        int k = 0;
        while (k < which.Length)
        {
            int block = which[k] / BlockRows, start = block * BlockRows, n = Math.Min(BlockRows, Rows - start);
            var rows = RequireCounts(matrix.ReadRows(start, n), start);
            for (; k < which.Length && which[k] < start + n; k++)
            {
                var cols = rows.RowColumns(which[k] - start);
                var vals = rows.RowValues(which[k] - start);
                for (int j = 0; j < cols.Length; j++) features[(long)k * Genes + cols[j]] = vals[j];
            }
        }
        return new Dataset(name, features, DataShape.Vector(Genes), labels is null ? null : which.Select(c => labels[c]).ToArray(), labelNames,
            Batches is null ? null : CountData.OneHot(which.Select(c => Batches[c]).ToArray(), Conditions), Conditions);
    }

    /// <summary>Throws, naming the file and the cell, when a value of <paramref name="rows"/> (starting at cell <paramref name="first"/>) is not a count.</summary>
    internal SparseCounts RequireCounts(SparseCounts rows, int first)
    {
        for (int r = 0; r < rows.Rows; r++)
            foreach (float v in rows.RowValues(r))
                if (!(v >= 0) || v != MathF.Floor(v))
                    throw new VaeException($"{Path}: cell {first + r} has the value {v}; counts must be non-negative integers (for log-normalized X, give --layer counts).");
        return rows;
    }
}
