using System.Security.Cryptography;
using System.Text;
using Vae.Data.Shards;
using Vae.IO;

namespace Vae.Data.Images;

/// <summary>What preparing an image folder did: decoded it (with the time it took) or reused its cache.</summary>
public sealed record ImagePreparation(string Directory, bool Reused, ImageBuildInfo Info);

/// <summary>
/// The <c>images:&lt;dir&gt;</c> data source. A folder is decoded once into a cache (the shard layout of
/// <see cref="ImageShardBuilder"/>) under <see cref="ImageOptions.Cache"/>, in a subfolder keyed on the folder's
/// path, every image's relative path, class, size and modification time, and the options that change the
/// examples (size, channels, skipping, test fraction, split seed); a changed folder or option is decoded
/// again. Loading reads the cache's shards into memory, so an epoch costs what any in-memory epoch costs. A
/// folder larger than memory: <c>vae convert --data images:&lt;dir&gt; --out &lt;shards&gt;</c> writes the same layout,
/// streamed by <c>--data shards:&lt;shards&gt;</c>.
/// </summary>
public static class ImageFolder
{
    public const string Scheme = "images:";
    const string CacheFormat = "vae-images-cache 1";

    public static bool IsImageSource(string source) => DataSourceKind.Names(Scheme, source);

    public static string FolderOf(string source) =>
        IsImageSource(source) && source.Length > Scheme.Length ? source[Scheme.Length..] : throw new VaeException($"--data {source}: name a folder, as images:<dir>.");

    /// <summary>The training and test sets, decoded (or read from the cache).</summary>
    public static (Dataset Train, Dataset Test) Load(DataOptions options)
    {
        var prepared = Prepare(options);
        return (Read(Path.Combine(prepared.Directory, "train")), Read(Path.Combine(prepared.Directory, "test")));
    }

    /// <summary>Decodes the folder into its cache unless an up-to-date cache exists; says which, and what was skipped.</summary>
    public static ImagePreparation Prepare(DataOptions options)
    {
        var images = options.Images ?? ImageOptions.Default;
        string root = FolderOf(options.Source);
        var listing = ImageListing.Scan(root);
        string dir = Path.Combine(images.Cache ?? ImageOptions.DefaultCacheRoot, $"{Sanitize(Path.GetFileName(Path.GetFullPath(root).TrimEnd('/')))}-{Key(listing, images, options)}");
        string infoFile = Path.Combine(dir, ImageBuildInfo.FileName);
        if (File.Exists(infoFile) && File.Exists(Path.Combine(dir, "train", ShardManifest.FileName)) && File.Exists(Path.Combine(dir, "test", ShardManifest.FileName)))
        {
            try { return new ImagePreparation(dir, true, Json.ReadFile<ImageBuildInfo>(infoFile)); }
            catch (VaeException) { }   // a damaged cache is decoded again
        }
        return new ImagePreparation(dir, false, ImageShardBuilder.Write(dir, listing, images, options.TestFraction, options.SplitSeed));
    }

    /// <summary>`vae convert`: decodes the folder into <paramref name="target"/> (train/, test/), streaming, for <c>shards:</c>.</summary>
    public static ImageBuildInfo Convert(DataOptions options, string target, int shardRows) =>
        ImageShardBuilder.Write(target, ImageListing.Scan(FolderOf(options.Source)), options.Images ?? ImageOptions.Default, options.TestFraction, options.SplitSeed, shardRows);

    static Dataset Read(string dir)
    {
        var set = ShardedDataset.Open(dir);
        if (set.Count * set.Dimension > int.MaxValue)
            throw new VaeException($"{dir}: {set.Count:N0} images of {set.Shape} are too many to hold in memory; write shards with `vae convert --data images:<dir> --out <shards>` and train with --data shards:<shards>.");
        // Shard by shard straight into the one array (no per-shard copies to collect).
        var values = new float[set.Count * set.Dimension];
        var labels = set.HasLabels ? new int[set.Count] : null;
        long row = 0;
        for (int s = 0; s < set.ShardCount; s++)
        {
            unsafe
            {
                fixed (float* destination = &values[row * set.Dimension]) set.CopyFeatures(s, set.Rows(s), destination);
            }
            if (labels is not null) set.ReadLabels(s)!.CopyTo(labels, row);
            row += set.Rows(s);
        }
        return new Dataset(set.Manifest.Name, values, set.Shape, labels, set.Manifest.ClassNames);
    }

    static string Key(ImageListing listing, ImageOptions images, DataOptions options)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        void Add(string s) => hash.AppendData(Encoding.UTF8.GetBytes(s + "\n"));
        Add(CacheFormat);
        Add(Path.GetFullPath(listing.Root));
        Add($"{images.Size} {images.Channels} {images.SkipBad} {options.TestFraction:R} {options.SplitSeed} {listing.Test is not null}");
        Add(string.Join("/", listing.ClassNames ?? []));
        foreach (var (entries, split) in new[] { (listing.Train, "train"), (listing.Test ?? [], "test") })
            foreach (var e in entries)
            {
                var file = new FileInfo(e.Path);
                long length = file.Exists ? file.Length : -1, time = file.Exists ? file.LastWriteTimeUtc.Ticks : 0;
                Add($"{split} {e.Label} {length} {time} {Path.GetRelativePath(listing.Root, e.Path)}");
            }
        return System.Convert.ToHexStringLower(hash.GetHashAndReset())[..20];
    }

    static string Sanitize(string name) => name.Length == 0 ? "images" : new string(name.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_').ToArray());
}
