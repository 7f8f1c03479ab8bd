using System.IO.MemoryMappedFiles;
using System.Text.Json;
using Vae.IO;

namespace Vae.Data.Shards;

/// <summary>
/// A data set on disk as NPY shards (see <see cref="ShardManifest"/>), read shard by shard through
/// memory maps that are closed as soon as a shard has been copied, so memory use is bounded by the
/// shards in use rather than by the data set.
/// </summary>
public sealed class ShardedDataset
{
    private readonly long[] firstRow;   // global index of each shard's first row

    private ShardedDataset(string directory, ShardManifest manifest)
    {
        Directory = directory;
        Manifest = manifest;
        firstRow = new long[manifest.Shards.Length + 1];
        for (int s = 0; s < manifest.Shards.Length; s++) firstRow[s + 1] = firstRow[s] + manifest.Shards[s].Rows;
    }

    public string Directory { get; }
    public ShardManifest Manifest { get; }
    public long Count => Manifest.Rows;
    public DataShape Shape => Manifest.Shape;
    public int Dimension => Shape.Size;
    public int ShardCount => Manifest.Shards.Length;
    public bool HasLabels => Manifest.Shards.All(s => s.Labels is not null);

    public static ShardedDataset Open(string directory)
    {
        string path = Path.Combine(directory, ShardManifest.FileName);
        if (!System.IO.Directory.Exists(directory)) throw new VaeException($"{directory}: folder not found.");
        if (!File.Exists(path)) throw new VaeException($"{directory}: not a sharded data set (no {ShardManifest.FileName}; write one with `vae convert`).");
        var manifest = Json.ReadFile<ShardManifest>(path);
        if (manifest.Format != ShardManifest.FormatName || manifest.Version != 1)
            throw new VaeException($"{path}: format '{manifest.Format}' version {manifest.Version} is not supported ({ShardManifest.FormatName} 1 is).");
        if (manifest.Shards.Length == 0) throw new VaeException($"{path}: lists no shards.");
        if (manifest.Shards.Sum(s => (long)s.Rows) != manifest.Rows) throw new VaeException($"{path}: the shards' rows do not add up to {manifest.Rows}.");
        var set = new ShardedDataset(directory, manifest);
        foreach (var shard in manifest.Shards) set.CheckShard(shard);
        return set;
    }

    public int Rows(int shard) => Manifest.Shards[shard].Rows;

    /// <summary>All values of one shard (rows × features, row-major).</summary>
    public unsafe float[] ReadFeatures(int shard)
    {
        var values = new float[(long)Rows(shard) * Dimension];
        fixed (float* destination = values) CopyFeatures(shard, Rows(shard), destination);
        return values;
    }

    /// <summary>
    /// Copies the first <paramref name="rows"/> rows of a shard (rows × features floats, row-major) from its
    /// memory map straight to <paramref name="destination"/>, which must hold that many values.
    /// </summary>
    public unsafe void CopyFeatures(int shard, int rows, float* destination)
    {
        if (rows < 0 || rows > Rows(shard)) throw new ArgumentOutOfRangeException(nameof(rows), rows, $"shard {shard} has {Rows(shard)} rows");
        long bytes = (long)rows * Dimension * sizeof(float);
        if (bytes == 0) return;
        string path = Path.Combine(Directory, Manifest.Shards[shard].Features);
        using var map = MemoryMappedFile.CreateFromFile(path, FileMode.Open, null, 0, MemoryMappedFileAccess.Read);
        using var view = map.CreateViewAccessor(HeaderLength(path), bytes, MemoryMappedFileAccess.Read);
        byte* source = null;
        view.SafeMemoryMappedViewHandle.AcquirePointer(ref source);
        try { Buffer.MemoryCopy(source + view.PointerOffset, destination, bytes, bytes); }
        finally { view.SafeMemoryMappedViewHandle.ReleasePointer(); }
    }

    public int[]? ReadLabels(int shard)
    {
        var info = Manifest.Shards[shard];
        if (info.Labels is null) return null;
        string path = Path.Combine(Directory, info.Labels);
        using var stream = File.OpenRead(path);
        var header = NpyFile.ReadHeader(stream, path);
        var labels = new int[info.Rows];
        stream.ReadExactly(System.Runtime.InteropServices.MemoryMarshal.AsBytes(labels.AsSpan()));
        return labels;
    }

    /// <summary>Rows [start, start+count) in memory, as an ordinary data set (a validation or test split).</summary>
    public Dataset Materialize(long start, int count, string name)
    {
        var values = new float[(long)count * Dimension];
        var labels = HasLabels ? new int[count] : null;
        long row = start;
        int filled = 0;
        while (filled < count)
        {
            int s = Array.FindLastIndex(firstRow, r => r <= row);
            var shard = ReadFeatures(s);
            var shardLabels = labels is null ? null : ReadLabels(s);
            int local = (int)(row - firstRow[s]);
            int take = Math.Min(count - filled, Rows(s) - local);
            Array.Copy(shard, (long)local * Dimension, values, (long)filled * Dimension, (long)take * Dimension);
            if (labels is not null) Array.Copy(shardLabels!, local, labels, filled, take);
            filled += take;
            row += take;
        }
        return new Dataset(name, values, Shape, labels, Manifest.ClassNames);
    }

    void CheckShard(ShardInfo shard)
    {
        string path = Path.Combine(Directory, shard.Features);
        if (!File.Exists(path)) throw new VaeException($"{path}: shard file not found.");
        using var stream = File.OpenRead(path);
        var header = NpyFile.ReadHeader(stream, path);
        if (header.Dtype != "<f4" || header.FortranOrder) throw new VaeException($"{path}: dtype {header.Dtype}{(header.FortranOrder ? " in Fortran order" : "")}; shards hold little-endian float32 ('<f4') in C order.");
        if (header.Shape.Length != 2 || header.Shape[0] != shard.Rows || header.Shape[1] != Dimension)
            throw new VaeException($"{path}: shape ({string.Join(", ", header.Shape)}) but the manifest says ({shard.Rows}, {Dimension}).");
        if (stream.Length != header.DataOffset + (long)shard.Rows * Dimension * sizeof(float))
            throw new VaeException($"{path}: the file size does not match its header (truncated?).");
    }

    static long HeaderLength(string path)
    {
        using var stream = File.OpenRead(path);
        return NpyFile.ReadHeader(stream, path).DataOffset;
    }
}
