using Vae.Data;
using static TorchSharp.torch;

namespace Vae.Applications.SingleCell;

/// <summary>
/// An AnnData file's cells streamed for training (<c>--stream</c>): the training cells are read from X (or a
/// layer) in blocks of rows when a batch needs them, so memory holds a few blocks, not the matrix. The test
/// split (the same random <see cref="DataOptions.TestFraction"/> of the cells as without streaming), the
/// validation cells (<see cref="DataOptions.ValidationSize"/> of the rest, drawn by the split seed) and a
/// sample of the first training cells (for the trainer's checks) are read into memory. With <c>--hvg N</c> the
/// genes are selected as without streaming (Seurat v3 on all cells, per batch), in two passes over the blocks.
/// </summary>
public sealed class H5adStreamedCells : IStreamedTrainingSet
{
    /// <summary>Rows per block read from the file, unless told otherwise.</summary>
    public const int DefaultBlockRows = 8192;

    H5adStreamedCells(string path, string? layer, int rows, int genes, bool[] heldOut, int[]? batches, int conditions, long count, int blockRows, int[]? selected)
    {
        BlockRows = blockRows;
        Selected = selected;
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

    /// <summary>The features per cell: the selected genes, or all the file's.</summary>
    public int Genes { get; }

    /// <summary>The selected genes (increasing indices into the file's genes), or null for all.</summary>
    public int[]? Selected { get; }

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
        var columns = options.LabelKey is null && options.BatchKey is null ? null : CountSource.Columns(options.Source, options.Metadata);
        var (labels, labelNames) = options.LabelKey is null ? (null, null) : Categories.Encode(columns!.Values(barcodes, options.LabelKey, "--label-key"));
        var (batches, batchNames) = options.BatchKey is null ? (null, null) : Categories.Encode(columns!.Values(barcodes, options.BatchKey, "--batch-key"));

        int[]? selected = options.HighlyVariableGenes is int top && top < genes ? SelectGenes(path, options.Layer, rows, genes, top, batches, blockRows) : null;
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
        var cells = new H5adStreamedCells(path, options.Layer, rows, selected?.Length ?? genes, heldOut, batches, batchNames?.Length ?? 0, count, blockRows, selected);
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
            var rows = Features(RequireCounts(matrix.ReadRows(start, n), start));
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

    /// <summary>The selected genes of <paramref name="rows"/> (all of them without a selection).</summary>
    internal SparseCounts Features(SparseCounts rows) => Selected is null ? rows : H5adExport.SelectColumns(rows, Selected);

    /// <summary>The top <paramref name="top"/> highly variable genes of all the cells, as <see cref="HighlyVariableGenes.Select"/> chooses them, reading the blocks twice.</summary>
    static int[] SelectGenes(string path, string? layer, int rows, int genes, int top, int[]? batches, int blockRows)
    {
        using var file = H5adFile.Open(path);
        var matrix = H5adMatrix.Open(file, layer);
        var scores = Enumerable.Range(0, batches is null ? 1 : batches.Max() + 1).Select(_ => new HighlyVariableGenes.BatchScore(genes)).ToArray();
        for (int pass = 0; pass < 2; pass++)
        {
            for (int start = 0; start < rows; start += blockRows)
            {
                var block = matrix.ReadRows(start, Math.Min(blockRows, rows - start));
                for (int r = 0; r < block.Rows; r++)
                {
                    var score = scores[batches?[start + r] ?? 0];
                    if (pass == 0) score.AddMoments(block.RowColumns(r), block.RowValues(r));
                    else score.AddClipped(block.RowColumns(r), block.RowValues(r));
                }
            }
            if (pass == 0) foreach (var s in scores) s.Fit(0.3);
        }
        return HighlyVariableGenes.FromScores(scores.Select(s => s.Score()).ToArray(), top, genes).Selected;
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
