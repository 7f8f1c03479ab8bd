using System.Text.Json;
using Vae.IO;

namespace Vae.Data.Shards;

/// <summary>Writes examples as NPY shards with a manifest (`vae convert`), one shard at a time, atomically as a folder.</summary>
public sealed class ShardWriter
{
    public const int DefaultShardRows = 16384;

    /// <summary>Writes a data set held in memory.</summary>
    public static ShardManifest Write(string directory, Dataset data, int shardRows = DefaultShardRows) =>
        Write(directory, data.Name, data.Shape, data.ClassNames, Batches(data, shardRows), shardRows);

    /// <summary>Writes rows produced chunk by chunk (so data larger than memory can be converted or generated).</summary>
    public static ShardManifest Write(string directory, string name, DataShape shape, IReadOnlyList<string>? classNames,
        IEnumerable<(float[] Features, int[]? Labels)> chunks, int shardRows = DefaultShardRows)
    {
        if (shardRows < 1) throw new VaeException($"--shard-rows {shardRows}: must be ≥ 1.");
        ShardManifest? manifest = null;
        AtomicDirectory.Replace(directory, staging =>
        {
            var shards = new List<ShardInfo>();
            float min = float.PositiveInfinity, max = float.NegativeInfinity;
            bool integers = true;
            long rows = 0;
            int d = shape.Size;
            foreach (var (features, labels) in Rechunk(chunks, d, shardRows))
            {
                int n = features.Length / d;
                string file = $"shard-{shards.Count:D5}.npy";
                using (var f = File.Create(Path.Combine(staging, file))) NpyFile.WriteFloat32(f, features, n, d);
                string? labelFile = null;
                if (labels is not null)
                {
                    labelFile = $"labels-{shards.Count:D5}.npy";
                    using var l = File.Create(Path.Combine(staging, labelFile));
                    NpyFile.WriteInt32(l, labels);
                }
                foreach (var v in features)
                {
                    if (!float.IsFinite(v)) throw new VaeException($"{name}: row {rows + 1} holds a non-finite value.");
                    if (v < min) min = v;
                    if (v > max) max = v;
                    if (integers && v != MathF.Round(v)) integers = false;
                }
                shards.Add(new ShardInfo(file, labelFile, n));
                rows += n;
            }
            if (rows == 0) throw new VaeException($"{name}: no rows to write.");
            manifest = new ShardManifest { Name = name, Shape = shape, Rows = rows, Shards = shards.ToArray(), Min = min, Max = max, Integers = integers, ClassNames = classNames?.ToArray() };
            File.WriteAllText(Path.Combine(staging, ShardManifest.FileName), JsonSerializer.Serialize(manifest, Json.Pretty));
        });
        return manifest!;
    }

    static IEnumerable<(float[], int[]?)> Batches(Dataset data, int rows)
    {
        for (int start = 0; start < data.Count; start += rows)
        {
            int n = Math.Min(rows, data.Count - start);
            yield return (data.Features.AsSpan(start * data.Dimension, n * data.Dimension).ToArray(), data.Labels?.AsSpan(start, n).ToArray());
        }
    }

    // Regroups incoming chunks of any size into shards of exactly shardRows rows (the last may be shorter). A full shard is
    // yielded in one buffer that is reused for the next (the caller writes it before asking for more), so converting
    // allocates one shard's worth of memory, not a growing list per shard.
    static IEnumerable<(float[], int[]?)> Rechunk(IEnumerable<(float[] Features, int[]? Labels)> chunks, int d, int shardRows)
    {
        float[]? features = null;
        int[]? labels = null;
        int filled = 0;
        bool hasLabels = false;
        foreach (var (f, l) in chunks)
        {
            hasLabels = l is not null;
            int rows = f.Length / d, taken = 0;
            while (taken < rows)
            {
                features ??= new float[(long)shardRows * d];
                if (hasLabels) labels ??= new int[shardRows];
                int n = Math.Min(rows - taken, shardRows - filled);
                Array.Copy(f, (long)taken * d, features, (long)filled * d, (long)n * d);
                if (hasLabels) Array.Copy(l!, taken, labels!, filled, n);
                taken += n;
                filled += n;
                if (filled == shardRows)
                {
                    yield return (features, hasLabels ? labels : null);
                    filled = 0;
                }
            }
        }
        if (filled > 0) yield return (features!.AsSpan(0, filled * d).ToArray(), hasLabels ? labels!.AsSpan(0, filled).ToArray() : null);
    }
}
