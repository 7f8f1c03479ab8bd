using Vae.Data.Shards;

namespace Vae.Cli.Commands;

public sealed class ConvertSettings : CommonSettings
{
    [CommandOption("--data <SOURCE>")]
    [Description("The data to convert: fashion-mnist, mnist:<dir>, csv:<file>, parquet:<file>, arrow:<file>, npy:<file.npy|file.npz[[:array]]> or images:<dir> (decoded a block at a time, so a folder larger than memory converts).")]
    public string? Data { get; init; }

    [CommandOption("--label-column <NAME>")]
    [Description("For csv:, parquet: and arrow: tables: the label column (name or 0-based index). For npy: an .npz array name (default: y, Y, labels or label when present) or, for an N×D matrix, a column index.")]
    public string? LabelColumn { get; init; }

    [CommandOption("--image-size <N>")]
    [Description("images: resize the shorter side to N and centre-crop N×N (default: the images' own size, the same for all).")]
    public int? ImageSize { get; init; }

    [CommandOption("--image-channels <C>")]
    [Description("images: 1 (grayscale), 3 (RGB) or auto (default: 1 when every image is stored as grayscale, else 3).")]
    [DefaultValue("auto")]
    public string ImageChannels { get; init; } = "auto";

    [CommandOption("--skip-bad-images")]
    [Description("images: leave out files that cannot be decoded (counted, the first named).")]
    public bool SkipBadImages { get; init; }

    [CommandOption("--test-fraction <F>")]
    [Description("images without train/ and test/ subfolders: the fraction held out as the test split (default 0.1).")]
    public double? TestFraction { get; init; }

    [CommandOption("--out <DIR>")]
    [Description("The folder to write: <DIR>/train and <DIR>/test, each NPY shards with a manifest.json.")]
    public string? Out { get; init; }

    [CommandOption("--shard-rows <N>")]
    [Description("Rows per shard (default 16384).")]
    [DefaultValue(ShardWriter.DefaultShardRows)]
    public int ShardRows { get; init; } = ShardWriter.DefaultShardRows;
}

[Description("Write a data set as NPY shards (float32 rows, int32 labels, a manifest.json) that `--data shards:<dir>` streams from disk with bounded memory.")]
public sealed class ConvertCommand(CliConsole console) : Command<ConvertSettings>
{
    public override int Execute(CommandContext context, ConvertSettings s, CancellationToken cancel)
    {
        if (s.Data is null) throw new VaeException("--data <SOURCE> is required.");
        if (s.Out is null) throw new VaeException("--out <DIR> is required.");
        if (s.Data.StartsWith("shards:", StringComparison.OrdinalIgnoreCase)) throw new VaeException("--data: the data is sharded already.");
        if (Vae.Data.Images.ImageFolder.IsImageSource(s.Data))
        {
            var options = TrainSettings.Guard(() => new DataOptions
            {
                Source = s.Data, TestFraction = s.TestFraction ?? Vae.Presets.DataPresets.TestFraction,
                Images = ImageOptionParsing.Parse(s.Data, s.ImageSize, s.ImageChannels, s.SkipBadImages, null),
            });
            var info = Vae.Data.Images.ImageFolder.Convert(options, s.Out, s.ShardRows);
            console.WriteLine(ImageOptionParsing.Describe(s.Data, info) + $"; decoded in {info.Seconds:F1} s into {s.Out}; train with --data shards:{s.Out}");
            if (info.Skipped > 0) console.WriteLine(ImageOptionParsing.Skipped(info));
            return ExitCodes.Ok;
        }
        ImageOptionParsing.Parse(s.Data, s.ImageSize, s.ImageChannels, s.SkipBadImages, null);
        var (train, test) = DataSources.LoadRaw(TrainSettings.Guard(() => new DataOptions { Source = s.Data, LabelColumn = s.LabelColumn }));
        var trainManifest = ShardWriter.Write(Path.Combine(s.Out, "train"), train, s.ShardRows);
        var testManifest = ShardWriter.Write(Path.Combine(s.Out, "test"), test, s.ShardRows);
        console.WriteLine($"Wrote {trainManifest.Rows:N0} training rows in {trainManifest.Shards.Length} shards and {testManifest.Rows:N0} test rows in {testManifest.Shards.Length} to {s.Out}; train with --data shards:{s.Out}");
        return ExitCodes.Ok;
    }
}
