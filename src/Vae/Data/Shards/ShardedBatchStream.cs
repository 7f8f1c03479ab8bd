using TorchSharp;
using static TorchSharp.torch;

namespace Vae.Data.Shards;

/// <summary>
/// Streams a sharded data set: each epoch visits the shards in a random order, in buffers of
/// <see cref="BufferShards"/> shards; the rows of a buffer are shuffled and cut into batches (a
/// buffer's last batch may be smaller). Only the buffer in use and the next one (read ahead on a
/// background thread) are in memory, so memory stays bounded whatever the data set's size. Rows at
/// or after <c>rowLimit</c> (a held-out validation tail) are never served.
/// </summary>
public sealed class ShardedBatchStream : IBatchSource
{
    private readonly ShardedDataset data;
    private readonly Device device;
    private readonly int batchSize;
    private readonly int[] usableRows;   // rows of each shard below the limit

    public ShardedBatchStream(ShardedDataset data, Device device, int batchSize, long rowLimit, int bufferShards = 4)
    {
        this.data = data;
        this.device = device;
        this.batchSize = batchSize;
        BufferShards = bufferShards;
        usableRows = new int[data.ShardCount];
        long first = 0;
        for (int s = 0; s < data.ShardCount; s++)
        {
            usableRows[s] = (int)Math.Clamp(rowLimit - first, 0, data.Rows(s));
            first += data.Rows(s);
        }
        Count = usableRows.Sum(r => (long)r);
        if (Count == 0) throw new VaeException($"{data.Directory}: no training rows left after the validation split.");
    }

    public int BufferShards { get; }
    public long Count { get; }

    /// <summary>Batches in an epoch depend on how shards fall into buffers; computed for the worst case of the actual shard sizes.</summary>
    public int BatchesPerEpoch => PlanBatches(Enumerable.Range(0, data.ShardCount).Where(s => usableRows[s] > 0).ToArray());

    public IEpochBatches Epoch(Generator shuffle)
    {
        // The shard order, then (lazily) a permutation per buffer, all from the one generator, in a fixed sequence.
        var live = Enumerable.Range(0, data.ShardCount).Where(s => usableRows[s] > 0).ToArray();
        using var perm = randperm(live.Length, generator: shuffle);
        var order = perm.data<long>().Select(i => live[i]).ToArray();
        var buffers = order.Chunk(BufferShards).ToArray();
        var permutations = buffers.Select(b => randperm(b.Sum(s => (long)usableRows[s]), generator: shuffle).DetachFromDisposeScope()).ToArray();
        return new StreamEpoch(this, buffers, permutations);
    }

    int PlanBatches(int[] shards)
    {
        // Batches per epoch are the same for every shard order only if buffers hold equal rows; the count
        // used by progress displays is the one for the natural order (shards of equal size make it exact).
        return shards.Chunk(BufferShards).Sum(b => (int)((b.Sum(s => (long)usableRows[s]) + batchSize - 1) / batchSize));
    }

    public void Dispose() { }

    sealed class StreamEpoch : IEpochBatches
    {
        private readonly ShardedBatchStream source;
        private readonly int[][] buffers;
        private readonly Tensor[] permutations;
        private readonly int[] firstBatch;          // first batch index of each buffer
        private int current = -1;
        private Tensor? x;                         // the current buffer on the device
        private Task<Tensor>? ahead;                // the next buffer, being read (in CPU memory)

        public StreamEpoch(ShardedBatchStream source, int[][] buffers, Tensor[] permutations)
        {
            this.source = source;
            this.buffers = buffers;
            this.permutations = permutations;
            firstBatch = new int[buffers.Length + 1];
            for (int g = 0; g < buffers.Length; g++)
                firstBatch[g + 1] = firstBatch[g] + (int)((permutations[g].shape[0] + source.batchSize - 1) / source.batchSize);
        }

        public int Batches => firstBatch[^1];

        public Batch Batch(int index)
        {
            int g = Array.FindLastIndex(firstBatch, f => f <= index);
            if (g >= buffers.Length) throw new ArgumentOutOfRangeException(nameof(index));
            if (g != current) Load(g);
            long start = (long)(index - firstBatch[g]) * source.batchSize;
            long length = Math.Min(source.batchSize, permutations[g].shape[0] - start);
            var idx = permutations[g].narrow(0, start, length).to(source.device);
            return new Batch(x!.index_select(0, idx));
        }

        void Load(int g)
        {
            Tensor values;
            if (ahead is not null && current == g - 1) values = ahead.Result;
            else
            {
                DropAhead();
                values = Read(g);
            }
            ahead = null;
            x?.Dispose();
            if (source.device.type == DeviceType.CPU) x = values;
            else
            {
                x = values.to(source.device).DetachFromDisposeScope();
                values.Dispose();
            }
            current = g;
            ahead = g + 1 < buffers.Length ? Task.Run(() => Read(g + 1)) : null;
        }

        // The buffer's shards, one after another, copied from their memory maps into one tensor: [rows, D]
        unsafe Tensor Read(int g)
        {
            int d = source.data.Dimension;
            long rows = buffers[g].Sum(s => (long)source.usableRows[s]);
            var values = empty(rows, d).DetachFromDisposeScope();
            float* destination = TensorMemory.Floats(values);
            foreach (int s in buffers[g])
            {
                source.data.CopyFeatures(s, source.usableRows[s], destination);
                destination += (long)source.usableRows[s] * d;
            }
            return values;
        }

        // A buffer read ahead that will not be used (a jump, or the end of the epoch): waited for and freed.
        void DropAhead()
        {
            try { ahead?.Result.Dispose(); } catch (AggregateException) { }
            ahead = null;
        }

        public void Dispose()
        {
            DropAhead();
            x?.Dispose();
            foreach (var p in permutations) p.Dispose();
        }
    }
}
