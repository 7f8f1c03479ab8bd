using SkiaSharp;
using Vae.Data;
using Vae.Data.Images;

namespace Vae.Reliability;

/// <summary>
/// The image-folder reader (listing, SkiaSharp decoding, resize, the shard cache) on a folder of six PNG or JPEG
/// images, one of them mutated per case; every case decodes afresh into its own cache.
/// </summary>
public sealed class ImageFolderTarget : FuzzTarget
{
    private readonly string root = Path.Combine(Path.GetTempPath(), $"vae-fuzz-images-{Guid.NewGuid():N}");
    private readonly string folder;
    private readonly string extension;
    private readonly string[] files;
    private readonly Dictionary<string, byte[]> valid = [];
    private int round;

    public ImageFolderTarget(string extension)
    {
        this.extension = extension;
        folder = ImageInputs.Folder(root, extension, w: 14, h: 11);
        files = Directory.GetFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray();
        foreach (var f in files) valid[f] = File.ReadAllBytes(f);
    }

    public override string Name => $"image folder ({extension.ToUpperInvariant()})";

    public override void Prepare(Random rng)
    {
        foreach (var (f, bytes) in valid) File.WriteAllBytes(f, bytes);
        string target = files[rng.Next(files.Length)];
        File.WriteAllBytes(target, Mutator.Mutate(valid[target], rng));
        File.SetLastWriteTimeUtc(target, new DateTime(2000, 1, 1).AddSeconds(++round));   // a new cache key, even when the size is unchanged
    }

    public override void Read()
    {
        string cache = Path.Combine(root, "cache");
        try
        {
            // Half the cases resize (shorter side to 8, centre crop), half keep the images' own size.
            var options = new DataOptions { Source = "images:" + folder, Images = new ImageOptions { Cache = cache, Size = round % 2 == 0 ? 8 : null } };
            var (train, test) = DataSources.LoadRaw(options);
            if (train.Count + test.Count != files.Length) throw new InvalidOperationException($"{train.Count + test.Count} examples from {files.Length} files");
        }
        finally
        {
            try { Directory.Delete(cache, recursive: true); } catch (IOException) { }
        }
    }

    public override void Dispose()
    {
        try { Directory.Delete(root, recursive: true); } catch (IOException) { }
    }
}
