using SkiaSharp;

namespace Vae.Data.Images;

/// <summary>An image's size and whether it is stored as grayscale, read from its header without decoding the pixels.</summary>
public readonly record struct ImageHeader(int Width, int Height, bool Gray);

/// <summary>Decoded pixels: Width × Height RGBA bytes, not premultiplied (alpha is kept but not used).</summary>
public sealed record DecodedImage(int Width, int Height, byte[] Rgba);

/// <summary>
/// Decodes PNG, JPEG, BMP, GIF (first frame) and WebP with SkiaSharp's codecs. Every failure is a
/// <see cref="VaeException"/> naming the file and why (not an image, truncated, too large, unreadable).
/// EXIF orientation is not applied (as PIL's <c>Image.open</c>).
/// </summary>
public static class ImageDecoder
{
    /// <summary>Images larger than this many pixels are refused (their RGBA buffer would exceed 256 MB).</summary>
    public const long MaxPixels = 64L << 20;

    public static ImageHeader ReadHeader(string path)
    {
        using var codec = Open(path, Read(path));
        return Header(path, codec);
    }

    public static DecodedImage Decode(string path) => Decode(path, Read(path));

    /// <summary>Decodes an image held in memory (<paramref name="path"/> names it in messages).</summary>
    public static DecodedImage Decode(string path, byte[] bytes)
    {
        using var codec = Open(path, bytes);
        var header = Header(path, codec);
        var info = new SKImageInfo(header.Width, header.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        var pixels = new byte[(long)header.Width * header.Height * 4];
        unsafe
        {
            fixed (byte* p = pixels)
            {
                var result = codec.GetPixels(info, (IntPtr)p);
                if (result != SKCodecResult.Success)
                    throw new VaeException($"{path}: the image data is {Why(result)} ({codec.EncodedFormat}, {header.Width}×{header.Height}).");
            }
        }
        return new DecodedImage(header.Width, header.Height, pixels);
    }

    static string Why(SKCodecResult result) => result switch
    {
        SKCodecResult.IncompleteInput => "truncated or incomplete",
        SKCodecResult.ErrorInInput => "corrupt",
        SKCodecResult.InvalidInput => "not valid",
        SKCodecResult.Unimplemented => "in a variant the decoder does not support",
        _ => $"not decodable (SkiaSharp: {result})",
    };

    static ImageHeader Header(string path, SKCodec codec)
    {
        var info = codec.Info;
        if (info.Width < 1 || info.Height < 1) throw new VaeException($"{path}: the image has no pixels ({info.Width}×{info.Height}).");
        if ((long)info.Width * info.Height > MaxPixels)
            throw new VaeException($"{path}: {info.Width}×{info.Height} is larger than the {MaxPixels >> 20} megapixels this reader accepts.");
        return new ImageHeader(info.Width, info.Height, info.ColorType == SKColorType.Gray8);
    }

    static byte[] Read(string path)
    {
        string ext = Path.GetExtension(path);
        if (!ImageListing.Extensions.Contains(ext, StringComparer.OrdinalIgnoreCase))
            throw new VaeException($"{path}: {ext} images are not supported (supported: {ImageListing.SupportedList}); convert them.");
        try { return File.ReadAllBytes(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new VaeException($"{path}: cannot read the file ({e.Message.TrimEnd('.')}).", e);
        }
    }

    static SKCodec Open(string path, byte[] bytes)
    {
        if (bytes.Length == 0) throw new VaeException($"{path}: the file is empty.");
        var codec = SKCodec.Create(new MemoryStream(bytes, writable: false), out var result);
        if (codec is null)
        {
            throw new VaeException(result == SKCodecResult.IncompleteInput
                ? $"{path}: the file ends inside the image header (truncated?)."
                : $"{path}: not an image this reader can decode ({(result == SKCodecResult.Unimplemented ? "not PNG, JPEG, BMP, GIF or WebP data" : $"a {Why(result)} header")}).");
        }
        return codec;
    }
}
