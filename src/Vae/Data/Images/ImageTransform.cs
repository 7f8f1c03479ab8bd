namespace Vae.Data.Images;

/// <summary>
/// Turns decoded RGBA pixels into an example: C × H × W floats in [0, 1]. Grayscale is PIL's
/// <c>convert("L")</c> luma, L = (19595 R + 38470 G + 7471 B + 2^15) >> 16 (ITU-R 601-2), so it equals PIL's
/// bytes; RGB drops alpha (as <c>convert("RGB")</c>). With a size N the values (v / 255) are resized as
/// torchvision's <c>Resize(N)</c> (shorter side to N, the longer to ⌊N·long/short⌋) with PIL's antialiased
/// bilinear filter on float images (horizontal pass, then vertical), then centre-cropped as <c>CenterCrop(N)</c>.
/// </summary>
public static class ImageTransform
{
    /// <summary>The example's values, written to <paramref name="destination"/> (C × H × W floats).</summary>
    public static void ToExample(DecodedImage image, int channels, int? size, Span<float> destination)
    {
        var planes = Planes(image, channels);
        int w = image.Width, h = image.Height;
        if (size is not int n)
        {
            for (int i = 0; i < planes.Length; i++) destination[i] = planes[i] / 255f;
            return;
        }
        var (ow, oh) = ResizedSize(w, h, n);
        int top = (int)Math.Round((oh - n) / 2.0), left = (int)Math.Round((ow - n) / 2.0);   // Python's round: half to even
        var plane = new float[w * h];
        for (int c = 0; c < channels; c++)
        {
            for (int i = 0; i < plane.Length; i++) plane[i] = planes[c * w * h + i] / 255f;
            var resized = (ow, oh) == (w, h) ? plane : Resample(plane, w, h, ow, oh);
            for (int y = 0; y < n; y++)
                for (int x = 0; x < n; x++)
                    destination[(c * n + y) * n + x] = Pixel(resized, ow, oh, left + x, top + y);
        }
    }

    // A crop may reach outside the image only when N exceeds the resized size (never for Resize(N) then CenterCrop(N)); zero there, as PIL's crop.
    static float Pixel(float[] plane, int w, int h, int x, int y) => x >= 0 && y >= 0 && x < w && y < h ? plane[y * w + x] : 0f;

    /// <summary>torchvision's Resize(N) output size for a w × h image: the shorter side N, the longer truncated.</summary>
    public static (int Width, int Height) ResizedSize(int w, int h, int n) =>
        w <= h ? (n, (int)((long)n * h / w)) : ((int)((long)n * w / h), n);

    /// <summary>The image as channel planes of bytes (C × H × W): PIL's luma for 1 channel, R, G, B for 3.</summary>
    public static byte[] Planes(DecodedImage image, int channels)
    {
        int count = image.Width * image.Height;
        var planes = new byte[channels * count];
        var rgba = image.Rgba;
        for (int i = 0; i < count; i++)
        {
            int r = rgba[4 * i], g = rgba[4 * i + 1], b = rgba[4 * i + 2];
            if (channels == 1) planes[i] = (byte)((r * 19595 + g * 38470 + b * 7471 + 0x8000) >> 16);
            else
            {
                planes[i] = (byte)r;
                planes[count + i] = (byte)g;
                planes[2 * count + i] = (byte)b;
            }
        }
        return planes;
    }

    /// <summary>PIL's two-pass resampling of a float image (ImagingResample with the bilinear filter): horizontal first, each pass rounded to float32.</summary>
    public static float[] Resample(float[] plane, int w, int h, int ow, int oh)
    {
        var current = plane;
        int cw = w;
        if (ow != w)
        {
            var (bounds, k, size) = Coefficients(w, ow);
            var next = new float[ow * h];
            for (int y = 0; y < h; y++)
                for (int x = 0; x < ow; x++)
                {
                    double s = 0;
                    for (int j = 0; j < bounds[2 * x + 1]; j++) s += current[y * cw + bounds[2 * x] + j] * k[x * size + j];
                    next[y * ow + x] = (float)s;
                }
            current = next;
            cw = ow;
        }
        if (oh != h)
        {
            var (bounds, k, size) = Coefficients(h, oh);
            var next = new float[cw * oh];
            for (int y = 0; y < oh; y++)
                for (int x = 0; x < cw; x++)
                {
                    double s = 0;
                    for (int j = 0; j < bounds[2 * y + 1]; j++) s += current[(bounds[2 * y] + j) * cw + x] * k[y * size + j];
                    next[y * cw + x] = (float)s;
                }
            current = next;
        }
        return current;
    }

    // PIL's precompute_coeffs for the bilinear (triangle) filter of support 1, widened by the scale when reducing (antialiasing).
    static (int[] Bounds, double[] Weights, int Size) Coefficients(int inSize, int outSize)
    {
        double scale = (double)inSize / outSize, filterScale = Math.Max(scale, 1.0);
        double support = filterScale;
        int size = (int)Math.Ceiling(support) * 2 + 1;
        var bounds = new int[2 * outSize];
        var k = new double[outSize * size];
        for (int x = 0; x < outSize; x++)
        {
            double center = (x + 0.5) * scale, ss = 1.0 / filterScale, total = 0;
            int min = Math.Max(0, (int)(center - support + 0.5));
            int max = Math.Min(inSize, (int)(center + support + 0.5)) - min;
            for (int j = 0; j < max; j++)
            {
                double t = Math.Abs((j + min - center + 0.5) * ss);
                double weight = t < 1.0 ? 1.0 - t : 0.0;
                k[x * size + j] = weight;
                total += weight;
            }
            for (int j = 0; j < max && total != 0; j++) k[x * size + j] /= total;
            bounds[2 * x] = min;
            bounds[2 * x + 1] = max;
        }
        return (bounds, k, size);
    }
}
