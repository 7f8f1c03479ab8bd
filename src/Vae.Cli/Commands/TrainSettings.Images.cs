namespace Vae.Cli.Commands;

/// <summary>The options of an image folder (--data images:&lt;dir&gt;).</summary>
public partial class TrainSettings
{
    [CommandOption("--image-size <N>")]
    [Description("images: resize each image's shorter side to N (antialiased bilinear, as torchvision's Resize(N)) and centre-crop N×N. Default: the images' own size, which must then be the same for all.")]
    public int? ImageSize { get; init; }

    [CommandOption("--image-channels <C>")]
    [Description("images: 1 (grayscale, PIL's luma), 3 (RGB) or auto (default: 1 when every image is stored as grayscale, else 3).")]
    [DefaultValue("auto")]
    public string ImageChannels { get; init; } = "auto";

    [CommandOption("--skip-bad-images")]
    [Description("images: leave out files that cannot be decoded (counted, the first named) instead of stopping with an error.")]
    public bool SkipBadImages { get; init; }

    [CommandOption("--image-cache <DIR>")]
    [Description("images: where decoded folders are cached (default $VAE_IMAGE_CACHE, else ~/.cache/vae/images).")]
    public string? ImageCache { get; init; }

    Vae.Data.Images.ImageOptions? ImageOptions() => ImageOptionParsing.Parse(Data, ImageSize, ImageChannels, SkipBadImages, ImageCache);
}

/// <summary>The image options shared by `vae train` and `vae convert`.</summary>
static class ImageOptionParsing
{
    /// <summary>The options of an images: source (null for any other source, which must not be given them).</summary>
    public static Vae.Data.Images.ImageOptions? Parse(string data, int? size, string channels, bool skip, string? cache)
    {
        bool images = Vae.Data.Images.ImageFolder.IsImageSource(data);
        if (!images)
            return size is null && channels == "auto" && !skip && cache is null ? null
                : throw new VaeException($"--image-size, --image-channels, --skip-bad-images and --image-cache are for image folders (--data images:<dir>), not {data}.");
        if (size is < 1 or > 4096) throw new VaeException($"--image-size {size}: must be between 1 and 4096.");
        int? c = channels.ToLowerInvariant() switch
        {
            "auto" => null,
            "1" or "gray" or "grey" => 1,
            "3" or "rgb" => 3,
            _ => throw new VaeException($"--image-channels {channels}: use 1 (grayscale), 3 (RGB) or auto."),
        };
        return new Vae.Data.Images.ImageOptions { Size = size, Channels = c, SkipBad = skip, Cache = cache is null ? null : Path.GetFullPath(cache) };
    }

    /// <summary>Decodes the folder (or finds its cache) and says so: how many images, the shape, what was skipped.</summary>
    public static void Prepare(DataOptions options, CliConsole console)
    {
        if (!Vae.Data.Images.ImageFolder.IsImageSource(options.Source)) return;
        var p = Vae.Data.Images.ImageFolder.Prepare(options);
        console.WriteLine(Describe(options.Source, p.Info) + (p.Reused ? $"; decoded before, read from {p.Directory}." : $"; decoded in {p.Info.Seconds:F1} s into {p.Directory}."));
        if (p.Info.Skipped > 0) console.WriteLine(Skipped(p.Info));
    }

    public static string Describe(string source, Vae.Data.Images.ImageBuildInfo info)
    {
        var s = info.Shape;
        string classes = info.ClassNames is { } names ? $"{names.Length} classes" : "unlabelled";
        return $"{source}: {info.TrainImages:N0} training and {info.TestImages:N0} test images ({classes}) as {s.Channels}×{s.Height}×{s.Width}";
    }

    public static string Skipped(Vae.Data.Images.ImageBuildInfo info) =>
        $"Skipped {info.Skipped:N0} image{(info.Skipped == 1 ? "" : "s")} that could not be decoded (first: {info.FirstSkipped[0].Path}: {info.FirstSkipped[0].Reason}).";
}
