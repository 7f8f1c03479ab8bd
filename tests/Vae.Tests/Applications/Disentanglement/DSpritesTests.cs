using Vae.Applications.Disentanglement;

namespace Vae.Tests.Applications.Disentanglement;

public class DSpritesTests
{
    static readonly DSprites Data = new();

    // The shapes' continuous area in units of (scale·10 px)², from the definitions in DSprites' summary:
    // the square's side is 1.6, the ellipse's semi-axes 1 and 0.5; the heart's area is integrated here.
    static readonly double[] UnitArea = [1.6 * 1.6, Math.PI * 0.5, HeartArea() * 0.8 * 0.8];

    static float[] Image(params int[] factors)
    {
        var image = new float[64 * 64];
        Data.Render(factors, image);
        return image;
    }

    static (double Count, double X, double Y) Moments(float[] image)
    {
        double n = 0, sx = 0, sy = 0;
        for (int y = 0; y < 64; y++)
            for (int x = 0; x < 64; x++)
                if (image[y * 64 + x] > 0.5f) { n++; sx += x + 0.5; sy += y + 0.5; }
        return (n, sx / n, sy / n);
    }

    // Area of the heart (a² + b² − 1)³ ≤ a²b³ by the midpoint rule on a 4000 × 4000 grid over [−1.5, 1.5]².
    static double HeartArea()
    {
        const int n = 4000;
        double h = 3.0 / n, count = 0;
        for (int i = 0; i < n; i++)
        {
            double a = -1.5 + (i + 0.5) * h;
            for (int j = 0; j < n; j++)
            {
                double b = -1.5 + (j + 0.5) * h, r = a * a + b * b - 1;
                if (r * r * r <= a * a * b * b * b) count++;
            }
        }
        return count * h * h;
    }

    [Fact]
    public void The_Grid_Has_737280_Images_And_Indices_Round_Trip()
    {
        Assert.Equal(737_280, Data.Size);
        Assert.Equal([3, 6, 40, 32, 32], Data.Factors.Select(f => f.Count));
        Assert.Equal(0.5, Data.Factors[1].Values[0]);
        Assert.Equal(1.0, Data.Factors[1].Values[5]);
        Assert.Equal(2 * Math.PI * 39 / 40, Data.Factors[2].Values[39], 12);
        var random = new Random(3);
        for (int t = 0; t < 1000; t++)
        {
            long index = random.NextInt64(Data.Size);
            Assert.Equal(index, Data.IndexOf(Data.FactorsAt(index)));
        }
        Assert.Equal([0, 0, 0, 0, 1], Data.FactorsAt(1));            // the last factor varies fastest
        Assert.Equal([1, 0, 0, 0, 0], Data.FactorsAt(6 * 40 * 32 * 32));
    }

    [Fact]
    public void Pixel_Counts_Average_To_The_Shapes_Exact_Area_At_Every_Scale()
    {
        for (int shape = 0; shape < 3; shape++)
            for (int scale = 0; scale < 6; scale++)
            {
                double size = Data.Factors[1].Values[scale] * DSprites.Unit;
                double area = UnitArea[shape] * size * size;
                var counts = Enumerable.Range(0, 40).Select(o => Moments(Image(shape, scale, o, 7 + o % 5, 20 - o % 3)).Count).ToArray();
                Assert.InRange(counts.Average(), area * 0.985, area * 1.015);
                // every single image: within half a pixel per pixel of perimeter (a loose lattice bound)
                double perimeter = 4 * Math.Sqrt(area) * 1.2;
                foreach (var c in counts) Assert.InRange(c, area - perimeter / 2, area + perimeter / 2);
            }
    }

    [Fact]
    public void The_Pixel_Centroid_Is_The_Position_Factor()
    {
        // An axis-aligned square's pixel centres form a rectangle whose centre is on the half-pixel grid,
        // so a single image can be off by up to half a pixel; on average the error is far smaller.
        var random = new Random(11);
        var errors = new List<double>();
        for (int t = 0; t < 300; t++)
        {
            var f = Data.SampleFactors(1, random);
            var m = Moments(Image(f));
            double x = DSprites.Centre(Data.Factors[3].Values[f[3]]), y = DSprites.Centre(Data.Factors[4].Values[f[4]]);
            Assert.True(Math.Abs(m.X - x) <= 0.5 && Math.Abs(m.Y - y) <= 0.5,
                $"factors {string.Join(",", f)}: centroid ({m.X:F3}, {m.Y:F3}) vs position ({x:F3}, {y:F3})");
            errors.Add(Math.Abs(m.X - x));
            errors.Add(Math.Abs(m.Y - y));
        }
        Assert.InRange(errors.Average(), 0, 0.15);
    }

    [Fact]
    public void Position_Moves_The_Shape_By_Whole_Steps_And_Nothing_Touches_The_Border()
    {
        double step = 40.0 / 31;
        var a = Moments(Image(2, 5, 13, 0, 0));
        var b = Moments(Image(2, 5, 13, 31, 31));
        Assert.Equal(31 * step, b.X - a.X, 1);
        Assert.Equal(31 * step, b.Y - a.Y, 1);
        foreach (int shape in new[] { 0, 1, 2 })
            for (int o = 0; o < 40; o++)
                foreach (var (px, py) in new[] { (0, 0), (31, 0), (0, 31), (31, 31) })
                {
                    var image = Image(shape, 5, o, px, py);
                    for (int i = 0; i < 64; i++)
                        Assert.True(image[i] == 0 && image[63 * 64 + i] == 0 && image[i * 64] == 0 && image[i * 64 + 63] == 0,
                            $"shape {shape}, orientation {o}, position ({px}, {py}) touches the border");
                }
    }

    [Fact]
    public void Images_Are_Binary_Deterministic_And_Differ_With_Every_Factor()
    {
        var image = Image(2, 3, 7, 10, 20);
        Assert.All(image, v => Assert.True(v is 0f or 1f));
        Assert.Equal(image, Image(2, 3, 7, 10, 20));
        Assert.Equal(image, Data.Render([2, 3, 7, 10, 20]));
        Assert.NotEqual(image, Image(1, 3, 7, 10, 20));
        Assert.NotEqual(image, Image(2, 4, 7, 10, 20));
        Assert.NotEqual(image, Image(2, 3, 8, 10, 20));
        Assert.NotEqual(image, Image(2, 3, 7, 11, 20));
        Assert.NotEqual(image, Image(2, 3, 7, 10, 21));
    }

    [Fact]
    public void Orientation_Turns_The_Shape_Counter_Clockwise()
    {
        // an ellipse at orientation 0 is wide; a quarter turn (10 of 40 steps) makes it tall
        static (double Wide, double Tall) Spread(float[] image)
        {
            var m = Moments(image);
            double xx = 0, yy = 0;
            for (int y = 0; y < 64; y++)
                for (int x = 0; x < 64; x++)
                    if (image[y * 64 + x] > 0.5f) { xx += Math.Pow(x + 0.5 - m.X, 2); yy += Math.Pow(y + 0.5 - m.Y, 2); }
            return (xx, yy);
        }
        var flat = Spread(Image(1, 5, 0, 16, 16));
        var upright = Spread(Image(1, 5, 10, 16, 16));
        Assert.True(flat.Wide > 3 * flat.Tall && upright.Tall > 3 * upright.Wide);
        // the heart's tip points down at orientation 0: its lowest row is farther from the centroid than its highest
        var heart = Image(2, 5, 0, 16, 16);
        var hm = Moments(heart);
        int lowest = Enumerable.Range(0, 64).Last(y => Enumerable.Range(0, 64).Any(x => heart[y * 64 + x] > 0));
        int highest = Enumerable.Range(0, 64).First(y => Enumerable.Range(0, 64).Any(x => heart[y * 64 + x] > 0));
        Assert.True(lowest - hm.Y > hm.Y - highest, "the heart's tip should point down at orientation 0");
    }
}
