using System.Text.Json;
using Vae.Data.Shards;
using Vae.IO;

namespace Vae.Data.Images;

/// <summary>A file left out with <see cref="ImageOptions.SkipBad"/>, and why.</summary>
public sealed record SkippedImage(string Path, string Reason);

/// <summary>What decoding a folder gave: examples per split, their shape and classes, the files skipped, how long it took.</summary>
public sealed record ImageBuildInfo(string Source, DataShape Shape, string[]? ClassNames, int TrainImages, int TestImages, int Skipped,
    SkippedImage[] FirstSkipped, int IgnoredFiles, double Seconds)
{
    public const string FileName = "images.json";
}

/// <summary>
/// Decodes an image folder into the shard layout (<c>train/</c> and <c>test/</c>, each NPY shards with a manifest,
/// as `vae convert` writes and <c>shards:</c> streams), a block of images at a time, so memory stays bounded by a
/// shard whatever the folder's size. The training rows are written in an order shuffled by the split seed, so
/// a streamed buffer mixes the classes and a validation tail is a random sample. <c>files-train.txt</c> and
/// <c>files-test.txt</c> give the file of each row; <see cref="ImageBuildInfo.FileName"/> the summary.
/// </summary>
public static class ImageShardBuilder
{
    const int Block = 256;

    public static ImageBuildInfo Write(string target, ImageListing listing, ImageOptions options, double testFraction, int seed, int? shardRows = null)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var (train, test) = Splits(listing, testFraction, seed);
        var headers = Probe([.. train, .. test]);
        var skipped = new List<SkippedImage>();
        foreach (var (entry, (_, error)) in train.Concat(test).Zip(headers))
            if (error is not null) skipped.Add(Skip(entry, error, options));
        if (train.Zip(headers).All(p => p.Second.Error is not null)) throw new VaeException($"{listing.Root}: no training image could be decoded (first: {skipped[0].Path}: {skipped[0].Reason}).");
        if (test.Zip(headers.Skip(train.Count)).All(p => p.Second.Error is not null)) throw new VaeException($"{listing.Root}: no test image could be decoded (first: {headers[train.Count].Error!.Message}).");
        var shape = Shape(listing, [.. train, .. test], headers, options);
        string name = Path.GetFileName(Path.GetFullPath(listing.Root).TrimEnd('/'));
        int rowsPerShard = shardRows ?? (int)Math.Clamp((64L << 20) / (4L * shape.Size), 256, ShardWriter.DefaultShardRows);
        var ordered = DataSources.Permutation(train.Count, seed).Select(i => train[i]).ToList();
        var trainFiles = new List<string>();
        var testFiles = new List<string>();
        ImageBuildInfo? info = null;
        AtomicDirectory.Replace(target, staging =>
        {
            ShardWriter.Write(Path.Combine(staging, "train"), name, shape, listing.ClassNames, Blocks(ordered, shape, options, skipped, trainFiles), rowsPerShard);
            ShardWriter.Write(Path.Combine(staging, "test"), name + " (test)", shape, listing.ClassNames, Blocks(test, shape, options, skipped, testFiles), rowsPerShard);
            File.WriteAllLines(Path.Combine(staging, "files-train.txt"), trainFiles.Select(f => Path.GetRelativePath(listing.Root, f)));
            File.WriteAllLines(Path.Combine(staging, "files-test.txt"), testFiles.Select(f => Path.GetRelativePath(listing.Root, f)));
            info = new ImageBuildInfo(Path.GetFullPath(listing.Root), shape, listing.ClassNames?.ToArray(), trainFiles.Count, testFiles.Count, skipped.Count,
                [.. skipped.Take(20)], listing.IgnoredFiles, clock.Elapsed.TotalSeconds);
            File.WriteAllText(Path.Combine(staging, ImageBuildInfo.FileName), JsonSerializer.Serialize(info, Json.Pretty));
        });
        return info!;
    }

    /// <summary>The training and test files: the folder's train/ and test/, or a held-out fraction chosen by the seed.</summary>
    public static (List<ImageEntry> Train, List<ImageEntry> Test) Splits(ImageListing listing, double testFraction, int seed)
    {
        if (listing.Test is not null) return ([.. listing.Train], [.. listing.Test]);
        var (train, test) = DataSources.HoldOutRows(listing.Train.Count, testFraction, seed, listing.Root);
        return ([.. train.Select(i => listing.Train[i])], [.. test.Select(i => listing.Train[i])]);
    }

    static SkippedImage Skip(ImageEntry entry, VaeException error, ImageOptions options) =>
        options.SkipBad ? new SkippedImage(entry.Path, error.Message.StartsWith(entry.Path + ": ", StringComparison.Ordinal) ? error.Message[(entry.Path.Length + 2)..] : error.Message)
            : throw new VaeException(error.Message.TrimEnd('.') + "; pass --skip-bad-images to leave such files out.", error);

    static (ImageHeader Header, VaeException? Error)[] Probe(List<ImageEntry> entries)
    {
        var result = new (ImageHeader, VaeException?)[entries.Count];
        Parallel.For(0, entries.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            try { result[i] = (ImageDecoder.ReadHeader(entries[i].Path), null); }
            catch (VaeException e) { result[i] = (default, e); }
        });
        return result;
    }

    // The example shape: --image-size N (N × N), else the first image's size, which every image must then have.
    static DataShape Shape(ImageListing listing, List<ImageEntry> entries, (ImageHeader Header, VaeException? Error)[] headers, ImageOptions options)
    {
        int first = Array.FindIndex(headers, h => h.Error is null);
        var reference = headers[first].Header;
        int channels = options.Channels ?? (headers.All(h => h.Error is not null || h.Header.Gray) ? 1 : 3);
        if (options.Size is int n) return DataShape.Image(channels, n, n);
        for (int i = first + 1; i < headers.Length; i++)
            if (headers[i].Error is null && (headers[i].Header.Width, headers[i].Header.Height) != (reference.Width, reference.Height))
                throw new VaeException($"{entries[i].Path}: {headers[i].Header.Width}×{headers[i].Header.Height} pixels, but the first image ({Path.GetRelativePath(listing.Root, entries[first].Path)}) is {reference.Width}×{reference.Height}; give --image-size N to resize every image to N×N.");
        return DataShape.Image(channels, reference.Height, reference.Width);
    }

    // Blocks of decoded rows (decoded in parallel, in order); a file that fails here is skipped or stops the build.
    static IEnumerable<(float[] Features, int[]? Labels)> Blocks(List<ImageEntry> entries, DataShape shape, ImageOptions options, List<SkippedImage> skipped, List<string> files)
    {
        int d = shape.Size;
        var known = skipped.Select(s => s.Path).ToHashSet(StringComparer.Ordinal);
        int size = (int)Math.Clamp((64L << 20) / (4L * d), 1, Block);   // at most 64 MB of decoded values at a time
        float[] values = [];
        for (int start = 0; start < entries.Count; start += size)
        {
            var block = entries.Skip(start).Take(size).Where(e => !known.Contains(e.Path)).ToList();
            // One buffer for every block: the shard writer copies a chunk before it asks for the next.
            if (values.Length != (long)block.Count * d) values = new float[(long)block.Count * d];
            var errors = new VaeException?[block.Count];
            Parallel.For(0, block.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
            {
                try { ImageTransform.ToExample(ImageDecoder.Decode(block[i].Path), shape.Channels, options.Size, values.AsSpan(i * d, d)); }
                catch (VaeException e) { errors[i] = e; }
            });
            var keep = new List<int>();
            for (int i = 0; i < block.Count; i++)
                if (errors[i] is { } e) skipped.Add(Skip(block[i], e, options));
                else keep.Add(i);
            if (keep.Count == 0) continue;
            var features = keep.Count == block.Count ? values : keep.SelectMany(i => values.AsSpan(i * d, d).ToArray()).ToArray();
            files.AddRange(keep.Select(i => block[i].Path));
            yield return (features, block[0].Label < 0 ? null : [.. keep.Select(i => block[i].Label)]);
        }
    }
}
