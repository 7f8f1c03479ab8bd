namespace Vae.Data;

/// <summary>A folder of MNIST-format files: train/t10k images and labels, plain or gzip.</summary>
public static class MnistFolder
{
    public static (Dataset Train, Dataset Test) Load(string directory, string name, IReadOnlyList<string>? classNames, string? missingHint)
    {
        if (!Directory.Exists(directory))
            throw new VaeException($"{directory}: folder not found{(missingHint is null ? "." : $"; {missingHint}.")}");
        // The test pair decodes on another core while the training pair does (start-up is mostly this, and page faults).
        var testLoad = Task.Run(() => LoadPair(directory, "t10k", name + " (test)", classNames, missingHint));
        var train = LoadPair(directory, "train", name, classNames, missingHint);
        var test = testLoad.GetAwaiter().GetResult();
        if (train.Shape != test.Shape)
            throw new VaeException($"{directory}: training images are {train.Shape} but test images are {test.Shape}.");
        return (train, test);
    }

    static Dataset LoadPair(string dir, string prefix, string name, IReadOnlyList<string>? classNames, string? hint)
    {
        string images = Find(dir, prefix, "images", "idx3", hint);
        string? labels = TryFind(dir, prefix, "labels", "idx1");
        var img = IdxReader.Read(images, divisor: 255f);   // pixels in [0, 1], divided as they are decoded
        if (img.Dimensions.Length is < 2 or > 4)
            throw new VaeException($"{images}: expected images (N x H x W or N x C x H x W), found {img.Dimensions.Length} dimensions.");
        if (img.TypeCode != 0x08)
            throw new VaeException($"{images}: expected unsigned-byte pixels (IDX type 08), found type 0x{img.TypeCode:x2}.");
        var shape = img.Dimensions.Length switch
        {
            2 => DataShape.Vector(img.Dimensions[1]),
            3 => DataShape.Image(1, img.Dimensions[1], img.Dimensions[2]),
            _ => DataShape.Image(img.Dimensions[1], img.Dimensions[2], img.Dimensions[3]),
        };
        var pixels = img.Values;

        int[]? labelValues = null;
        if (labels is not null)
        {
            var lab = IdxReader.Read(labels);
            if (lab.Dimensions.Length != 1) throw new VaeException($"{labels}: expected a 1-D label file, found {lab.Dimensions.Length} dimensions.");
            if (lab.Count != img.Count)
                throw new VaeException($"{labels}: {lab.Count} labels for {img.Count} images in {Path.GetFileName(images)}.");
            labelValues = lab.Values.Select(v => (int)v).ToArray();
        }
        return new Dataset(name, pixels, shape, labelValues, classNames);
    }

    static string Find(string dir, string prefix, string kind, string idx, string? hint) =>
        TryFind(dir, prefix, kind, idx) ?? throw new VaeException(
            $"{dir}: no {prefix}-{kind}-{idx}-ubyte[.gz] file{(hint is null ? "." : $"; {hint}.")}");

    static string? TryFind(string dir, string prefix, string kind, string idx)
    {
        foreach (var stem in new[] { $"{prefix}-{kind}-{idx}-ubyte", $"{prefix}-{kind}.{idx}-ubyte" })
            foreach (var ext in new[] { "", ".gz" })
            {
                var p = Path.Combine(dir, stem + ext);
                if (File.Exists(p)) return p;
            }
        return null;
    }
}
