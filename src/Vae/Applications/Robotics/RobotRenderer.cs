using SkiaSharp;

namespace Vae.Applications.Robotics;

/// <summary>
/// Draws a system's state into a square image with SkiaSharp: the base at the image centre, links
/// as round-capped lines, the elbow as a disk, the end effector as a larger disk drawn last, and an
/// optional target square. World point (x, y) in metres maps to the continuous pixel coordinate
/// u = S/2 + s·x, v = S/2 − s·y, where pixel (i, j) covers [i, i+1) × [j, j+1) and s is chosen so the
/// end effector's disk always fits inside the image. Anti-aliasing is off by default, so grey images
/// are binary (every drawn pixel 255) and colour images use pure channel values.
/// Colours: link 1 red, link 2 blue, elbow white, end effector yellow, target green; grey draws all white.
/// </summary>
public sealed class RobotRenderer : IDisposable
{
    public const float LinkWidth = 3f, ElbowRadius = 2.5f, HandRadius = 3.5f, TargetSize = 5f;
    const float Margin = 1f;

    private readonly IRobotDynamics system;
    private readonly SKBitmap bitmap;
    private readonly SKCanvas canvas;
    private readonly SKPaint paint;

    public RobotRenderer(IRobotDynamics system, int size, bool colour, bool antiAlias = false)
    {
        this.system = system;
        Size = size;
        Colour = colour;
        PixelsPerMetre = (size / 2.0 - Margin - HandRadius) / system.Reach;
        bitmap = new SKBitmap(new SKImageInfo(size, size, SKColorType.Rgba8888, SKAlphaType.Premul));
        canvas = new SKCanvas(bitmap);
        paint = new SKPaint { IsAntialias = antiAlias, StrokeCap = SKStrokeCap.Round };
    }

    public int Size { get; }
    public bool Colour { get; }
    public int Channels => Colour ? 3 : 1;
    public double PixelsPerMetre { get; }

    public static readonly SKColor LinkColour1 = new(255, 0, 0), LinkColour2 = new(0, 0, 255), ElbowColour = new(255, 255, 255),
        HandColour = new(255, 255, 0), TargetColour = new(0, 255, 0);

    /// <summary>The continuous pixel coordinate (u right, v down) of a world point.</summary>
    public (double U, double V) Pixel(double x, double y) => (Size / 2.0 + PixelsPerMetre * x, Size / 2.0 - PixelsPerMetre * y);

    /// <summary>The image of <paramref name="state"/>: channels × size × size bytes (channel-major).</summary>
    public byte[] Render(ReadOnlySpan<double> state, (double X, double Y)? target = null)
    {
        var result = new byte[Channels * Size * Size];
        Render(state, target, result);
        return result;
    }

    public void Render(ReadOnlySpan<double> state, (double X, double Y)? target, Span<byte> destination)
    {
        canvas.Clear(SKColors.Black);
        if (target is var (tx, ty))
        {
            var (u, v) = Pixel(tx, ty);
            Fill(TargetColour);
            canvas.DrawRect((float)u - TargetSize / 2, (float)v - TargetSize / 2, TargetSize, TargetSize, paint);
        }
        var joints = system.Kinematics(state);
        var from = Pixel(0, 0);
        for (int i = 0; i < joints.Length; i++)
        {
            var to = Pixel(joints[i].X, joints[i].Y);
            paint.Style = SKPaintStyle.Stroke;
            paint.StrokeWidth = LinkWidth;
            paint.Color = Grey(i == 0 ? LinkColour1 : LinkColour2);
            canvas.DrawLine((float)from.U, (float)from.V, (float)to.U, (float)to.V, paint);
            from = to;
        }
        for (int i = 0; i < joints.Length; i++)
        {
            var (u, v) = Pixel(joints[i].X, joints[i].Y);
            bool hand = i == joints.Length - 1;
            Fill(hand ? HandColour : ElbowColour);
            canvas.DrawCircle((float)u, (float)v, hand ? HandRadius : ElbowRadius, paint);
        }
        canvas.Flush();
        CopyPixels(destination);
    }

    void Fill(SKColor colour)
    {
        paint.Style = SKPaintStyle.Fill;
        paint.Color = Grey(colour);
    }

    SKColor Grey(SKColor colour) => Colour ? colour : SKColors.White;

    void CopyPixels(Span<byte> destination)
    {
        var rgba = bitmap.GetPixelSpan();
        int plane = Size * Size;
        for (int p = 0; p < plane; p++)
            for (int c = 0; c < Channels; c++)
                destination[c * plane + p] = rgba[4 * p + c];
    }

    public void Dispose()
    {
        paint.Dispose();
        canvas.Dispose();
        bitmap.Dispose();
    }
}
