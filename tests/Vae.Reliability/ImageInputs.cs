using SkiaSharp;

namespace Vae.Reliability;

/// <summary>Small image files and folders (encoded with SkiaSharp) for the image-folder fuzz target and catalogue cases.</summary>
public static class ImageInputs
{
    /// <summary>A w × h grayscale image with a pattern set by <paramref name="seed"/>, encoded as PNG, JPEG or WebP.</summary>
    public static byte[] Encode(int w, int h, int seed, SKEncodedImageFormat format = SKEncodedImageFormat.Png)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(w, h, SKColorType.Gray8, SKAlphaType.Opaque));
        var pixels = new byte[w * h];
        for (int i = 0; i < pixels.Length; i++) pixels[i] = (byte)((i * 37 + seed * 71 + (i % w) * (i / w)) % 256);
        System.Runtime.InteropServices.Marshal.Copy(pixels, 0, bitmap.GetPixels(), pixels.Length);
        using var data = bitmap.Encode(format, 90) ?? throw new InvalidOperationException($"SkiaSharp cannot encode {format}");
        return data.ToArray();
    }

    /// <summary>
    /// A labelled folder under <paramref name="parent"/>: classes a/ and b/ with three w × h images each, as <paramref name="extension"/>
    /// (png or jpg); <paramref name="change"/> may then alter it. Returns the folder.
    /// </summary>
    public static string Folder(string parent, string extension = "png", int w = 12, int h = 10, Action<string>? change = null)
    {
        string root = Path.Combine(parent, "images-" + Guid.NewGuid().ToString("N")[..8]);
        var format = extension == "png" ? SKEncodedImageFormat.Png : SKEncodedImageFormat.Jpeg;
        foreach (var (cls, k) in new[] { ("a", 0), ("b", 1) })
        {
            Directory.CreateDirectory(Path.Combine(root, cls));
            for (int i = 0; i < 3; i++) File.WriteAllBytes(Path.Combine(root, cls, $"{i}.{extension}"), Encode(w, h, 3 * k + i, format));
        }
        change?.Invoke(root);
        return root;
    }
}
