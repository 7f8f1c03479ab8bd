using Vae.Data.Images;

namespace Vae.Tests.Data.Images;

/// <summary>Resize-then-crop against PIL on float images (torchvision's Resize(N) + CenterCrop(N) sizes), and against closed forms.</summary>
public class ImageTransformTests
{
    public static IEnumerable<object[]> Cases() => ImageFixtures.Resized().Select(r => new object[] { r.File, r.Channels, r.Size });

    [Theory]
    [MemberData(nameof(Cases))]
    public void Resize_And_Centre_Crop_Match_Pil_On_Float_Images(string file, int channels, int size)
    {
        var pil = ImageFixtures.Resized().Single(r => r.File == file && r.Channels == channels && r.Size == size);
        var ours = new float[channels * size * size];
        ImageTransform.ToExample(ImageDecoder.Decode(ImageFixtures.File("resize", file)), channels, size, ours);
        // Both accumulate in double and round each pass to float32; the printed 9 digits leave at most an ulp or two.
        for (int i = 0; i < ours.Length; i++) Assert.True(Math.Abs(ours[i] - pil.Values[i]) <= 1e-6f, $"{file} {channels}x{size}: value {i}: {ours[i]} vs PIL {pil.Values[i]}");
    }

    static DecodedImage Gray(int w, int h, Func<int, int, byte> value)
    {
        var rgba = new byte[w * h * 4];
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++)
            {
                byte v = value(x, y);
                rgba[4 * (y * w + x)] = rgba[4 * (y * w + x) + 1] = rgba[4 * (y * w + x) + 2] = v;
                rgba[4 * (y * w + x) + 3] = 255;
            }
        return new DecodedImage(w, h, rgba);
    }

    [Theory]
    [InlineData(10, 6, 6, 2)]    // no resize (the shorter side is N): the crop starts at round(4 / 2) = 2
    [InlineData(11, 6, 6, 2)]    // round(5 / 2) = round(2.5) = 2, Python's half-to-even (torchvision's CenterCrop)
    [InlineData(13, 6, 6, 4)]    // round(3.5) = 4
    public void Centre_Crop_Offsets_Are_Torchvisions(int w, int h, int n, int left)
    {
        var image = Gray(w, h, (x, y) => (byte)(10 * x + y));
        var ours = new float[n * n];
        ImageTransform.ToExample(image, 1, n, ours);
        for (int y = 0; y < n; y++)
            for (int x = 0; x < n; x++) Assert.Equal((10 * (x + left) + y) / 255f, ours[y * n + x]);
    }

    [Fact]
    public void Resized_Sizes_Are_Torchvisions()
    {
        Assert.Equal((8, 17), ImageTransform.ResizedSize(8, 17, 8));
        Assert.Equal((5, 10), ImageTransform.ResizedSize(8, 17, 5));    // int(5 * 17 / 8) = int(10.625)
        Assert.Equal((6, 4), ImageTransform.ResizedSize(13, 8, 4));     // int(4 * 13 / 8) = int(6.5) = 6
        Assert.Equal((28, 28), ImageTransform.ResizedSize(64, 64, 28));
    }

    [Fact]
    public void Halving_Weights_Each_Pixel_By_The_Stretched_Triangle_Filter()
    {
        // 8 → 4 columns: output x has centre 2x + 1 and the triangle of half-width 2; input j at distance |j + 0.5 − (2x + 1)|
        // gets weight 1 − d/2, normalized: for x = 1, inputs 1..4 at distances 1.5, 0.5, 0.5, 1.5 → weights 1/8, 3/8, 3/8, 1/8.
        var plane = Enumerable.Range(0, 8).Select(i => (float)(i * i)).ToArray();
        var halved = ImageTransform.Resample(plane, 8, 1, 4, 1);
        Assert.Equal((1 * 1 + 3 * 4 + 3 * 9 + 1 * 16) / 8f, halved[1], 5);
        // At the border the window is cut and renormalized: x = 0 sees inputs 0..2 at 0.5, 0.5, 1.5 → 3/7, 3/7, 1/7.
        Assert.Equal((3 * 0 + 3 * 1 + 1 * 4) / 7f, halved[0], 5);
    }

    [Fact]
    public void A_Constant_Image_Stays_Constant_At_Any_Size()
    {
        var ours = new float[3 * 3];
        ImageTransform.ToExample(Gray(17, 9, (_, _) => 77), 1, 3, ours);
        Assert.All(ours, v => Assert.Equal(77 / 255f, v, 6));
    }

    [Fact]
    public void Gray_Is_Pils_Luma_With_Its_Rounding()
    {
        var image = new DecodedImage(3, 1, [255, 0, 0, 255, 0, 255, 0, 0, 10, 20, 30, 255]);
        // L = (19595 R + 38470 G + 7471 B + 32768) >> 16
        Assert.Equal(new byte[] { 76, 150, (byte)((10 * 19595 + 20 * 38470 + 30 * 7471 + 32768) >> 16) }, ImageTransform.Planes(image, 1));
        Assert.Equal(new byte[] { 255, 0, 10, 0, 255, 20, 0, 0, 30 }, ImageTransform.Planes(image, 3));
    }
}
