namespace Vae;

/// <summary>The shape of one example: channels × height × width. Tabular data is 1 × 1 × D.</summary>
public sealed record DataShape
{
    public int Channels { get; init => field = value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(Channels), value, "must be ≥ 1"); } = 1;
    public int Height { get; init => field = value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(Height), value, "must be ≥ 1"); } = 1;
    public int Width { get; init => field = value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(Width), value, "must be ≥ 1"); } = 1;

    public DataShape() { }
    public DataShape(int channels, int height, int width) { Channels = channels; Height = height; Width = width; }

    public static DataShape Vector(int features) => new(1, 1, features);
    public static DataShape Image(int channels, int height, int width) => new(channels, height, width);

    /// <summary>Number of values in one example.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public int Size => checked(Channels * Height * Width);

    /// <summary>True for two-dimensional (image-like) data.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsImage => Height > 1;

    public override string ToString() => IsImage ? $"{Channels}x{Height}x{Width}" : $"{Size}";
}
