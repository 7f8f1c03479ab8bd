using Vae.Applications.Disentanglement;

namespace Vae.Tests.Applications.Disentanglement;

public class ShadedShapesTests
{
    static readonly ShadedShapes Data = new();
    const int Plane = 64 * 64;

    static float[] Image(params int[] factors) => Data.Render(factors);

    // Pixels that differ from the backdrop: column 0 never holds the object, and the backdrop depends on the row only.
    static List<(int X, int Y)> ObjectPixels(float[] image)
    {
        var pixels = new List<(int, int)>();
        for (int y = 0; y < 64; y++)
            for (int x = 0; x < 64; x++)
                for (int c = 0; c < 3; c++)
                    if (image[c * Plane + y * 64 + x] != image[c * Plane + y * 64])
                    {
                        pixels.Add((x, y));
                        break;
                    }
        return pixels;
    }

    static (double X, double Y) Centroid(List<(int X, int Y)> pixels) => (pixels.Average(p => p.X + 0.5), pixels.Average(p => p.Y + 0.5));

    [Fact]
    public void The_Grid_Has_48000_Coloured_Images()
    {
        Assert.Equal(48_000, Data.Size);
        Assert.Equal([3, 8, 4, 5, 10, 10], Data.Factors.Select(f => f.Count));
        Assert.Equal(3 * 64 * 64, Data.Shape.Size);
        var image = Image(1, 2, 3, 4, 5, 6);
        Assert.All(image, v => Assert.InRange(v, 0f, 1f));
        Assert.Equal(image, Image(1, 2, 3, 4, 5, 6));
    }

    [Fact]
    public void The_Backdrop_Is_The_Background_Hue_Darkening_Upwards()
    {
        for (int hue = 0; hue < 4; hue++)
        {
            var image = Image(0, 0, hue, 0, 0, 0);
            foreach (int row in new[] { 0, 40, 63 })
            {
                var expected = ShadedShapes.Backdrop(Data.Factors[2].Values[hue], row);
                Assert.Equal((float)expected.R, image[row * 64 + 63]);
                Assert.Equal((float)expected.G, image[Plane + row * 64 + 63]);
                Assert.Equal((float)expected.B, image[2 * Plane + row * 64 + 63]);
            }
            Assert.True(image[63 * 64 + 63] > image[63]);   // the bottom row is lighter than the top one (red channel)
        }
    }

    [Fact]
    public void A_Sphere_Covers_A_Disc_Of_Its_Radius_At_Its_Position()
    {
        for (int size = 0; size < 5; size++)
            foreach (var (px, py) in new[] { (0, 0), (3, 7), (9, 9) })
            {
                var pixels = ObjectPixels(Image(0, 3, 1, size, px, py));
                double r = ShadedShapes.RadiusUnit * Data.Factors[3].Values[size];
                // any pixel a sub-sample of the disc touches is counted: between the discs of radius r − 1 and r + 1
                Assert.InRange(pixels.Count, Math.PI * (r - 1) * (r - 1), Math.PI * (r + 1) * (r + 1));
                var (x, y) = Centroid(pixels);
                Assert.Equal(ShadedShapes.Centre(Data.Factors[4].Values[px]), x, 0.25);
                Assert.Equal(ShadedShapes.Centre(Data.Factors[5].Values[py]), y, 0.25);
            }
    }

    [Fact]
    public void Every_Shape_Moves_With_Its_Position_And_Stays_Inside_The_Image()
    {
        double step = 32.0 / 9;
        for (int shape = 0; shape < 3; shape++)
        {
            var a = Centroid(ObjectPixels(Image(shape, 0, 0, 4, 2, 5)));
            var b = Centroid(ObjectPixels(Image(shape, 0, 0, 4, 5, 1)));
            Assert.Equal(3 * step, b.X - a.X, 0.5);   // the anti-aliased fringe shifts by up to half a pixel
            Assert.Equal(-4 * step, b.Y - a.Y, 0.5);
            // from position 0 to 9 the object moves by exactly 32 pixels: the same image, translated
            var near = Image(shape, 5, 1, 2, 0, 0);
            var far = Image(shape, 5, 1, 2, 9, 0);
            var nearPixels = ObjectPixels(near);
            Assert.Equal(nearPixels.Select(p => (p.X + 32, p.Y)), ObjectPixels(far));
            foreach (var (x, y) in nearPixels)
                for (int c = 0; c < 3; c++) Assert.Equal(near[c * Plane + y * 64 + x], far[c * Plane + y * 64 + x + 32]);
            foreach (var (px, py) in new[] { (0, 0), (9, 9) })
            {
                var pixels = ObjectPixels(Image(shape, 0, 0, 4, px, py));
                Assert.All(pixels, p => Assert.True(p.X is > 0 and < 63 && p.Y is > 0 and < 63));
            }
        }
    }

    [Fact]
    public void The_Object_Has_Its_Hue()
    {
        for (int shape = 0; shape < 3; shape++)
            for (int hue = 0; hue < 8; hue++)
            {
                // the silhouette's centre pixel is fully covered by the object (front face, body or sphere)
                var image = Image(shape, hue, 2, 4, 4, 4);
                int x = (int)ShadedShapes.Centre(Data.Factors[4].Values[4]), y = (int)ShadedShapes.Centre(Data.Factors[5].Values[4]);
                double r = image[y * 64 + x], g = image[Plane + y * 64 + x], b = image[2 * Plane + y * 64 + x];
                Assert.Equal(hue / 8.0, Hue(r, g, b), 0.02);
            }
    }

    static double Hue(double r, double g, double b)
    {
        double max = Math.Max(r, Math.Max(g, b)), min = Math.Min(r, Math.Min(g, b)), d = max - min;
        double h = max == r ? (g - b) / d : max == g ? 2 + (b - r) / d : 4 + (r - g) / d;
        return (h / 6 + 1) % 1;
    }
}
