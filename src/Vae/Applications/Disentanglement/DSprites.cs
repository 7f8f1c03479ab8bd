
namespace Vae.Applications.Disentanglement;

/// <summary>
/// dSprites-style images (Matthey et al. 2017) with exact factors: 64×64 binary images of one white
/// shape on black. Factors, in grid order: shape (square, ellipse, heart), scale (6 values in
/// [0.5, 1]), orientation (40 angles k·2π/40), position x and position y (32 values each in [0, 1]);
/// 3·6·40·32·32 = 737,280 images.
/// <para>
/// Geometry (pixels; x to the right, y down, pixel (i, j) covers [i, i+1) × [j, j+1)): the shape's
/// centroid is at (12 + 40·x, 12 + 40·y); it is rotated counter-clockwise on screen by the
/// orientation and scaled by scale·10 pixels from its unit form (u right, v up):
/// square |u|, |v| ≤ 0.8; ellipse u² + (v/0.5)² ≤ 1; heart (a² + b² − 1)³ ≤ a²b³ with
/// a = u/0.8, b = v/0.8 + 0.29348 (the classic heart curve, shifted so its centroid is the origin).
/// A pixel is on exactly when its centre lies in the shape (no anti-aliasing), so an image is a
/// pure function of its factors. At scale 1 every shape lies within 11.4 pixels of its centroid,
/// so no shape touches the border.
/// </para>
/// </summary>
public sealed class DSprites : FactorDataset
{
    public const int Side = 64;
    /// <summary>Pixels per unit of the shape's own frame at scale 1.</summary>
    public const double Unit = 10;
    /// <summary>Centroid coordinate (pixels) at position 0; position 1 is at Side − Margin.</summary>
    public const double Margin = 12;
    public const double SquareHalfSide = 0.8, EllipseMinor = 0.5, HeartScale = 0.8, HeartCentroid = 0.29348;

    static readonly Factor[] FactorList =
    [
        Factor.Categorical("shape", "square", "ellipse", "heart"),
        Factor.Linear("scale", 0.5, 1.0, 6),
        Factor.Angles("orientation", 40),
        Factor.Linear("pos_x", 0, 1, 32),
        Factor.Linear("pos_y", 0, 1, 32),
    ];

    public override string Name => "dsprites";
    public override IReadOnlyList<Factor> Factors => FactorList;
    public override DataShape Shape { get; } = DataShape.Image(1, Side, Side);

    /// <summary>The centroid (pixels) of a shape at position value <paramref name="position"/>.</summary>
    public static double Centre(double position) => Margin + (Side - 2 * Margin) * position;

    public override void Render(ReadOnlySpan<int> factors, Span<float> observation)
    {
        int shape = factors[0];
        double scale = FactorList[1].Values[factors[1]], angle = FactorList[2].Values[factors[2]];
        double cx = Centre(FactorList[3].Values[factors[3]]), cy = Centre(FactorList[4].Values[factors[4]]);
        observation[..(Side * Side)].Clear();
        double size = scale * Unit, cos = Math.Cos(angle), sin = Math.Sin(angle);
        double reach = 1.2 * size;
        int x0 = Math.Max(0, (int)Math.Floor(cx - reach)), x1 = Math.Min(Side - 1, (int)Math.Ceiling(cx + reach));
        int y0 = Math.Max(0, (int)Math.Floor(cy - reach)), y1 = Math.Min(Side - 1, (int)Math.Ceiling(cy + reach));
        for (int py = y0; py <= y1; py++)
            for (int px = x0; px <= x1; px++)
            {
                double x = px + 0.5 - cx, y = cy - (py + 0.5);     // y up
                double u = (cos * x + sin * y) / size, v = (-sin * x + cos * y) / size;  // rotate by −angle into the shape's frame
                if (Inside(shape, u, v)) observation[py * Side + px] = 1f;
            }
    }

    /// <summary>Whether the point (u, v) of the shape's unit frame (v up) is inside shape 0 (square), 1 (ellipse) or 2 (heart).</summary>
    public static bool Inside(int shape, double u, double v)
    {
        switch (shape)
        {
            case 0: return Math.Abs(u) <= SquareHalfSide && Math.Abs(v) <= SquareHalfSide;
            case 1: return u * u + v / EllipseMinor * (v / EllipseMinor) <= 1;
            case 2:
                double a = u / HeartScale, b = v / HeartScale + HeartCentroid;
                double r = a * a + b * b - 1;
                return r * r * r <= a * a * b * b * b;
            default: throw new ArgumentOutOfRangeException(nameof(shape), shape, "shape index must be 0, 1 or 2.");
        }
    }
}
