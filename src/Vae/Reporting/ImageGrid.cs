using SkiaSharp;
using Vae.IO;

namespace Vae.Reporting;

/// <summary>Draws images (values in [0, 1], grey or colour) as a grid in one PNG.</summary>
public static class ImageGrid
{
    /// <param name="images">Row-major images, each <paramref name="shape"/> (channels first).</param>
    /// <param name="columns">Images per row.</param>
    /// <param name="scale">Pixels per image pixel.</param>
    public static void Save(string path, float[] images, DataShape shape, int columns, int scale = 2, int padding = 2)
    {
        if (!shape.IsImage) throw new VaeException($"{path}: the data is a table ({shape.Size} values per example), not images; write a .csv instead.");
        if (shape.Channels is not (1 or 3)) throw new VaeException($"{path}: cannot draw images with {shape.Channels} channels (1 or 3 are supported).");
        AtomicFile.WriteAllBytes(path, Render(images, shape, columns, scale, padding));
    }

    public static byte[] Render(float[] images, DataShape shape, int columns, int scale = 2, int padding = 2)
    {
        int count = images.Length / shape.Size;
        int rows = Math.Max(1, (count + columns - 1) / columns);
        int cellW = shape.Width * scale + padding, cellH = shape.Height * scale + padding;
        int width = columns * cellW + padding, height = rows * cellH + padding;
        using var bitmap = new SKBitmap(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque);
        var pixels = new byte[width * height * 4];
        for (int i = 0; i < pixels.Length; i += 4) { pixels[i] = 64; pixels[i + 1] = 64; pixels[i + 2] = 64; pixels[i + 3] = 255; }
        int plane = shape.Height * shape.Width;
        for (int n = 0; n < count; n++)
        {
            int ox = padding + (n % columns) * cellW, oy = padding + (n / columns) * cellH;
            int baseIndex = n * shape.Size;
            for (int y = 0; y < shape.Height; y++)
                for (int x = 0; x < shape.Width; x++)
                {
                    int p = y * shape.Width + x;
                    byte r = ToByte(images[baseIndex + p]);
                    byte g = shape.Channels == 3 ? ToByte(images[baseIndex + plane + p]) : r;
                    byte b = shape.Channels == 3 ? ToByte(images[baseIndex + 2 * plane + p]) : r;
                    for (int dy = 0; dy < scale; dy++)
                        for (int dx = 0; dx < scale; dx++)
                        {
                            int o = ((oy + y * scale + dy) * width + ox + x * scale + dx) * 4;
                            pixels[o] = r; pixels[o + 1] = g; pixels[o + 2] = b;
                        }
                }
        }
        System.Runtime.InteropServices.Marshal.Copy(pixels, 0, bitmap.GetPixels(), pixels.Length);
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    static byte ToByte(float v) => (byte)Math.Clamp((int)MathF.Round(v * 255f), 0, 255);
}
