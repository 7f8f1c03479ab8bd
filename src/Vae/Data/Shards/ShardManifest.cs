namespace Vae.Data.Shards;

/// <summary>One shard: an NPY float32 matrix of rows × features, and optionally an NPY int32 vector of labels.</summary>
public sealed record ShardInfo(string Features, string? Labels, int Rows);

/// <summary>
/// manifest.json of a sharded data set (written by `vae convert`): the shape of one example, the
/// shards in order, and facts about the values checked at conversion (so training need not read
/// everything to choose a likelihood or binarization).
/// </summary>
public sealed record ShardManifest
{
    public const string FileName = "manifest.json";
    public const string FormatName = "vae-shards";

    public string Format { get; init; } = FormatName;
    public int Version { get; init; } = 1;
    public string Name { get; init; } = "";
    public DataShape Shape { get; init; } = DataShape.Vector(1);
    public long Rows { get; init; }
    public ShardInfo[] Shards { get; init; } = [];
    public float Min { get; init; }
    public float Max { get; init; }
    /// <summary>Every value is a whole number (counts).</summary>
    public bool Integers { get; init; }
    public string[]? ClassNames { get; init; }

    public bool IsUnitInterval => Min >= 0 && Max <= 1;
}
