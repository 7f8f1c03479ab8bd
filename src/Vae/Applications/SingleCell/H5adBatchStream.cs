using Vae.Data;
using static TorchSharp.torch;

namespace Vae.Applications.SingleCell;

/// <summary>
/// Batches of an AnnData file's training cells, read as they are needed: each epoch visits the blocks of
/// <see cref="H5adStreamedCells.BlockRows"/> rows in a random order, <see cref="BufferBlocks"/> at a time; a
/// buffer's training cells (held-out cells skipped) are shuffled and cut into batches, densified one batch
/// at a time. The buffer in use and the next one (read ahead on a background thread) are held sparse, so
/// memory is bounded by a few blocks whatever the file's size (a training set that fits in one buffer is read once and
/// kept across epochs). The order comes from the epoch's generator
/// alone, so an interrupted epoch resumes exactly.
/// </summary>
public sealed class H5adBatchStream : IBatchSource
{
    readonly H5adStreamedCells cells;
    readonly Device device;
    readonly int batchSize;
    readonly int[][] blockCells;   // the training cells of each block

    public H5adBatchStream(H5adStreamedCells cells, Device device, int batchSize, int bufferBlocks = 8)
    {
        this.cells = cells;
        this.device = device;
        this.batchSize = batchSize;
        BufferBlocks = bufferBlocks;
        int blocks = (cells.Rows + cells.BlockRows - 1) / cells.BlockRows;
        blockCells = Enumerable.Range(0, blocks).Select(b => Enumerable.Range(b * cells.BlockRows, Math.Min(cells.BlockRows, cells.Rows - b * cells.BlockRows))
            .Where(c => !cells.HeldOut[c]).ToArray()).ToArray();
        Count = blockCells.Sum(b => (long)b.Length);
        if (Count == 0) throw new VaeException($"{cells.Path}: no training cells left after the test and validation splits.");
    }

    public int BufferBlocks { get; }
    public long Count { get; }

    /// <summary>For the natural block order (the count can differ by a batch or so between epochs when blocks differ in size).</summary>
    public int BatchesPerEpoch => Live().Chunk(BufferBlocks).Sum(b => (int)((b.Sum(x => (long)blockCells[x].Length) + batchSize - 1) / batchSize));

    int[] Live() => Enumerable.Range(0, blockCells.Length).Where(b => blockCells[b].Length > 0).ToArray();

    public IEpochBatches Epoch(Generator shuffle)
    {
        var live = Live();
        using var perm = randperm(live.Length, generator: shuffle);
        var order = perm.data<long>().Select(i => live[i]).ToArray();
        var buffers = order.Chunk(BufferBlocks).ToArray();
        var permutations = buffers.Select(b =>
        {
            using var p = randperm(b.Sum(x => (long)blockCells[x].Length), generator: shuffle);
            return p.data<long>().ToArray();
        }).ToArray();
        if (buffers.Length > 1) return new StreamEpoch(this, buffers, permutations, null);
        // Every training cell fits in one buffer: read them once, in the file's block order, and keep them across epochs
        // (the memory one buffer takes anyway); the epoch's permutation, drawn over its own block order, is mapped onto it,
        // so the batches are the ones a fresh read would give.
        whole ??= Read(live);
        var start = new Dictionary<int, long>();
        long at = 0;
        foreach (int b in live) { start[b] = at; at += blockCells[b].Length; }
        var natural = new long[at];
        long k = 0;
        foreach (int b in order)
            for (int j = 0; j < blockCells[b].Length; j++) natural[k++] = start[b] + j;
        return new StreamEpoch(this, buffers, [permutations[0].Select(i => natural[i]).ToArray()], whole);
    }

    // Every training cell, when they fit in one buffer (read by the first epoch).
    Buffer? whole;

    public void Dispose() { }

    /// <summary>One buffer's training cells, sparse, in block order, with their batch codes.</summary>
    sealed record Buffer(SparseCounts Rows, int[] Batches);

    Buffer Read(int[] blocks)
    {
        using var file = H5adFile.Open(cells.Path);
        var matrix = H5adMatrix.Open(file, cells.Layer);
        var parts = new List<SparseCounts>();
        var batches = new List<int>();
        foreach (int b in blocks)
        {
            int start = b * cells.BlockRows, n = Math.Min(cells.BlockRows, cells.Rows - start);
            var rows = cells.RequireCounts(matrix.ReadRows(start, n), start);
            parts.Add(cells.Features(rows.SelectRows(blockCells[b].Select(c => c - start).ToArray())));
            if (cells.Batches is { } codes) batches.AddRange(blockCells[b].Select(c => codes[c]));
        }
        return new Buffer(Concat(parts, cells.Genes), [.. batches]);
    }

    static SparseCounts Concat(List<SparseCounts> parts, int columns)
    {
        int rows = parts.Sum(p => p.Rows);
        long nnz = parts.Sum(p => p.NonZeros);
        var start = new long[rows + 1];
        var cols = new int[nnz];
        var vals = new float[nnz];
        int r0 = 0;
        long at = 0;
        foreach (var p in parts)
        {
            p.ColumnIndex.CopyTo(cols, at);
            p.Values.CopyTo(vals, at);
            for (int r = 0; r < p.Rows; r++) start[r0 + r + 1] = at + p.RowStart[r + 1];
            r0 += p.Rows;
            at += p.NonZeros;
        }
        return new SparseCounts(rows, columns, start, cols, vals);
    }

    // `kept`: the one buffer of an epoch whose cells all fit in it, already read (permutations index it).
    sealed class StreamEpoch(H5adBatchStream source, int[][] buffers, long[][] permutations, Buffer? kept) : IEpochBatches
    {
        readonly int[] firstBatch = FirstBatches(permutations, source.batchSize);
        int current = kept is null ? -1 : 0;
        Buffer? buffer = kept;
        Task<Buffer>? ahead;

        static int[] FirstBatches(long[][] permutations, int batchSize)
        {
            var first = new int[permutations.Length + 1];
            for (int g = 0; g < permutations.Length; g++) first[g + 1] = first[g] + (permutations[g].Length + batchSize - 1) / batchSize;
            return first;
        }

        public int Batches => firstBatch[^1];

        // Batch index of buffer g: x [b, genes] dense (written straight into the tensor's memory: no managed
        // array per batch), c [b, batches] one-hot
        public unsafe Batch Batch(int index)
        {
            int g = Array.FindLastIndex(firstBatch, f => f <= index);
            if (g >= buffers.Length) throw new ArgumentOutOfRangeException(nameof(index));
            if (g != current) Load(g);
            int start = (index - firstBatch[g]) * source.batchSize;
            int n = Math.Min(source.batchSize, permutations[g].Length - start);
            int genes = source.cells.Genes, width = source.cells.Conditions;
            var x = zeros(n, genes);
            float* values = TensorMemory.Floats(x);
            var c = width > 0 ? new float[n * width] : null;
            for (int i = 0; i < n; i++)
            {
                int row = (int)permutations[g][start + i];
                var cols = buffer!.Rows.RowColumns(row);
                var vals = buffer.Rows.RowValues(row);
                for (int k = 0; k < cols.Length; k++) values[(long)i * genes + cols[k]] = vals[k];
                if (c is not null) c[i * width + buffer.Batches[row]] = 1f;
            }
            return new Batch(x.to(source.device), c is null ? null : tensor(c, [n, width]).to(source.device));
        }

        void Load(int g)
        {
            buffer = ahead is not null && current == g - 1 ? ahead.Result : source.Read(buffers[g]);
            ahead = g + 1 < buffers.Length ? Task.Run(() => source.Read(buffers[g + 1])) : null;
            current = g;
        }

        public void Dispose()
        {
            try { ahead?.Wait(); } catch (AggregateException) { }
            ahead = null;
            buffer = null;
        }
    }
}
