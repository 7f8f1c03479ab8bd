namespace Vae.Data.Images;

/// <summary>
/// How an <c>images:&lt;dir&gt;</c> folder becomes examples (stored in config.json with the data options, so
/// evaluation decodes the same way). Every image is decoded to [0, 1] values of shape C × H × W.
/// </summary>
public sealed record ImageOptions
{
    /// <summary>
    /// Resize the shorter side to N (antialiased bilinear, as PIL and torchvision's <c>Resize(N)</c>), then
    /// centre-crop N × N (torchvision's <c>CenterCrop(N)</c>). Null keeps the images' own size, which must
    /// then be the same for every image.
    /// </summary>
    public int? Size { get; init => field = value is null or (>= 1 and <= 4096) ? value : throw new ArgumentOutOfRangeException(nameof(Size), value, "Size: must be in 1..4096."); }

    /// <summary>1 (grayscale, PIL's <c>convert("L")</c> luma) or 3 (RGB); null: 1 when every image is stored as grayscale, else 3.</summary>
    public int? Channels { get; init => field = value is null or 1 or 3 ? value : throw new ArgumentOutOfRangeException(nameof(Channels), value, "Channels: must be 1 or 3."); }

    /// <summary>Leave out images that cannot be decoded (counted and reported) instead of stopping with an error.</summary>
    public bool SkipBad { get; init; }

    /// <summary>The folder under which decoded folders are cached; null for <see cref="DefaultCacheRoot"/>.</summary>
    public string? Cache { get; init; }

    public static ImageOptions Default { get; } = new();

    /// <summary>VAE_IMAGE_CACHE, else $XDG_CACHE_HOME/vae/images, else ~/.cache/vae/images.</summary>
    public static string DefaultCacheRoot =>
        Environment.GetEnvironmentVariable("VAE_IMAGE_CACHE") is { Length: > 0 } d ? d
        : Path.Combine(Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } x ? x
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache"), "vae", "images");
}
