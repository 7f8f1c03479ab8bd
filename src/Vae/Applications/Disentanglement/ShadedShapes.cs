
namespace Vae.Applications.Disentanglement;

/// <summary>
/// A coloured data set with factors different from dSprites: 64×64 RGB images (3×64×64) of a shaded,
/// 3-D-looking object — a sphere, a cube or a cylinder, lit from the upper left — in front of a
/// coloured backdrop that darkens towards the top. Factors, in grid order: shape (3), object hue
/// (8 values k/8), background hue (4 values 1/16 + k/4), size (5 values in [0.6, 1]), position x and
/// position y (10 values each in [0, 1]); 3·8·4·5·10·10 = 48,000 images.
/// <para>
/// Geometry (pixels, x right, y down): the object's silhouette is centred at (16 + 32·x, 16 + 32·y)
/// with radius r = 13·size: a sphere of radius r; a cube seen in oblique projection (front face of
/// side 1.6r, top and right faces receding by 0.4r, the whole silhouette 2r × 2r); an upright
/// cylinder 1.5r wide and 1.7r tall with elliptical caps. The object is drawn in its hue (HSV with
/// saturation 0.8) times a Lambert shading (sphere with a specular highlight, cylinder by the
/// horizontal normal, cube by face: top 1, front 0.75, side 0.5); the backdrop is its hue with
/// saturation 0.35 and value 0.45 + 0.3·row/63. Each pixel averages 4×4 sub-pixel samples, so edges
/// are anti-aliased; the drawing is plain double arithmetic, so an image is a pure function of its factors.
/// </para>
/// </summary>
public sealed class ShadedShapes : FactorDataset
{
    public const int Side = 64;
    public const double RadiusUnit = 13, Margin = 16;
    const int Sub = 4;
    static readonly (double X, double Y, double Z) Light = Normalize(-0.45, 0.55, 0.70);
    static readonly (double X, double Y, double Z) Half = Normalize(Light.X, Light.Y, Light.Z + 1);

    static readonly Factor[] FactorList =
    [
        Factor.Categorical("shape", "sphere", "cube", "cylinder"),
        new("object_hue", Enumerable.Range(0, 8).Select(k => k / 8.0).ToArray()),
        new("background_hue", Enumerable.Range(0, 4).Select(k => 1 / 16.0 + k / 4.0).ToArray()),
        Factor.Linear("size", 0.6, 1.0, 5),
        Factor.Linear("pos_x", 0, 1, 10),
        Factor.Linear("pos_y", 0, 1, 10),
    ];

    public override string Name => "shaded";
    public override IReadOnlyList<Factor> Factors => FactorList;
    public override DataShape Shape { get; } = DataShape.Image(3, Side, Side);

    /// <summary>The silhouette centre (pixels) at position value <paramref name="position"/>.</summary>
    public static double Centre(double position) => Margin + (Side - 2 * Margin) * position;

    /// <summary>The backdrop colour of pixel row <paramref name="row"/>.</summary>
    public static (double R, double G, double B) Backdrop(double hue, int row) => Hsv(hue, 0.35, 0.45 + 0.3 * row / (Side - 1.0));

    public override void Render(ReadOnlySpan<int> factors, Span<float> observation)
    {
        int shape = factors[0];
        var colour = Hsv(FactorList[1].Values[factors[1]], 0.8, 1.0);
        double backHue = FactorList[2].Values[factors[2]];
        double r = RadiusUnit * FactorList[3].Values[factors[3]];
        double cx = Centre(FactorList[4].Values[factors[4]]), cy = Centre(FactorList[5].Values[factors[5]]);
        int plane = Side * Side;
        for (int py = 0; py < Side; py++)
        {
            var back = Backdrop(backHue, py);
            for (int px = 0; px < Side; px++)
            {
                double sr = 0, sg = 0, sb = 0;
                int hits = 0;
                if (Math.Abs(px + 0.5 - cx) <= r + 1 && Math.Abs(py + 0.5 - cy) <= r + 1)
                    for (int sy = 0; sy < Sub; sy++)
                        for (int sx = 0; sx < Sub; sx++)
                        {
                            double x = px + (sx + 0.5) / Sub - cx, y = cy - (py + (sy + 0.5) / Sub);  // y up
                            if (Shade(shape, x / r, y / r) is not (double light, double gloss)) continue;
                            hits++;
                            sr += Math.Min(1, colour.R * light + gloss);
                            sg += Math.Min(1, colour.G * light + gloss);
                            sb += Math.Min(1, colour.B * light + gloss);
                        }
                int p = py * Side + px, rest = Sub * Sub - hits;
                observation[p] = (float)(hits == 0 ? back.R : (sr + rest * back.R) / (Sub * Sub));
                observation[plane + p] = (float)(hits == 0 ? back.G : (sg + rest * back.G) / (Sub * Sub));
                observation[2 * plane + p] = (float)(hits == 0 ? back.B : (sb + rest * back.B) / (Sub * Sub));
            }
        }
    }

    /// <summary>
    /// The brightness and specular gloss of shape 0 (sphere), 1 (cube) or 2 (cylinder) at the point
    /// (u, v) of its unit frame (radius 1, v up), or null outside its silhouette.
    /// </summary>
    public static (double Light, double Gloss)? Shade(int shape, double u, double v)
    {
        switch (shape)
        {
            case 0:
                double rr = u * u + v * v;
                if (rr > 1) return null;
                double z = Math.Sqrt(1 - rr);
                double diffuse = Math.Max(0, u * Light.X + v * Light.Y + z * Light.Z);
                double spec = Math.Pow(Math.Max(0, u * Half.X + v * Half.Y + z * Half.Z), 24);
                return (0.25 + 0.75 * diffuse, 0.35 * spec);
            case 1:
                const double h = 0.8, d = 0.4, lo = -(h + d / 2);   // front face [lo, lo + 2h]², receding faces by d
                if (u >= lo && u <= lo + 2 * h && v >= lo && v <= lo + 2 * h) return (0.75, 0);
                if (v > lo + 2 * h && v <= lo + 2 * h + d && u - (v - lo - 2 * h) >= lo && u - (v - lo - 2 * h) <= lo + 2 * h) return (1.0, 0);
                if (u > lo + 2 * h && u <= lo + 2 * h + d && v - (u - lo - 2 * h) >= lo && v - (u - lo - 2 * h) <= lo + 2 * h) return (0.5, 0);
                return null;
            case 2:
                const double w = 0.75, e = 0.225, top = 0.85 - e, bottom = -0.85 + e;
                if (u * u / (w * w) + (v - top) * (v - top) / (e * e) <= 1) return (1.0, 0);
                bool body = Math.Abs(u) <= w && v >= bottom && v <= top;
                if (!body && u * u / (w * w) + (v - bottom) * (v - bottom) / (e * e) > 1) return null;
                double nx = u / w, nz = Math.Sqrt(Math.Max(0, 1 - nx * nx));
                return (0.25 + 0.75 * Math.Max(0, nx * Light.X + nz * Light.Z), 0);
            default: throw new ArgumentOutOfRangeException(nameof(shape), shape, "shape index must be 0, 1 or 2.");
        }
    }

    /// <summary>HSV (all in [0, 1]) to RGB.</summary>
    public static (double R, double G, double B) Hsv(double hue, double saturation, double value)
    {
        double h = (hue - Math.Floor(hue)) * 6;
        int sector = (int)h % 6;
        double f = h - Math.Floor(h), p = value * (1 - saturation), q = value * (1 - saturation * f), t = value * (1 - saturation * (1 - f));
        return sector switch
        {
            0 => (value, t, p),
            1 => (q, value, p),
            2 => (p, value, t),
            3 => (p, q, value),
            4 => (t, p, value),
            _ => (value, p, q),
        };
    }

    static (double, double, double) Normalize(double x, double y, double z)
    {
        double n = Math.Sqrt(x * x + y * y + z * z);
        return (x / n, y / n, z / n);
    }
}
