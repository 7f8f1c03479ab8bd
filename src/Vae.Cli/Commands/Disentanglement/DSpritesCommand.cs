using Vae.Applications.Disentanglement;

namespace Vae.Cli.Commands.Disentanglement;

public sealed class DSpritesSettings : CommonSettings
{
    [CommandOption("--out <DIR>")]
    [Description("The folder to write (MNIST-format IDX files, factors.csv, dataset.json). Required.")]
    public string? Out { get; init; }

    [CommandOption("--kind <NAME>")]
    [Description("dsprites (default: 64x64 binary square/ellipse/heart, 737,280 images) or shaded (64x64 RGB sphere/cube/cylinder with colors, 48,000 images).")]
    [DefaultValue("dsprites")]
    public string Kind { get; init; } = "dsprites";

    [CommandOption("--subset <N>")]
    [Description("Write N distinct images drawn uniformly from the grid as the training files (default: the full grid, in grid order).")]
    public int? Subset { get; init; }

    [CommandOption("--test <N>")]
    [Description("Test images, distinct from the training subset (default 10,000, or a fifth of --subset if smaller).")]
    public int? Test { get; init; }

    [CommandOption("--seed <S>")]
    [Description("Seed of the random subset (default 0); the images themselves are a pure function of their factors.")]
    [DefaultValue(0)]
    public int Seed { get; init; }

    [CommandOption("--preview <PNG>")]
    [Description("Also draw 32 random images of the generator (from --seed) as a PNG grid.")]
    public string? Preview { get; init; }

    [CommandOption("--overwrite")]
    [Description("Replace a folder that already holds files.")]
    public bool Overwrite { get; init; }
}

[Description("Write a data set with known generative factors (dSprites-style shapes, or colored shaded shapes) as MNIST-format IDX files, with every image's factors in factors.csv.")]
public sealed class DSpritesCommand(CliConsole console) : Command<DSpritesSettings>
{
    public override int Execute(CommandContext context, DSpritesSettings s, CancellationToken cancel)
    {
        if (string.IsNullOrWhiteSpace(s.Out)) throw new VaeException("--out: name the folder to write.");
        if (Directory.Exists(s.Out) && Directory.EnumerateFileSystemEntries(s.Out).Any() && !s.Overwrite)
            throw new VaeException($"--out {s.Out}: the folder is not empty; add --overwrite to replace it.");
        s.Setup();
        var data = FactorDatasetFolder.ByName(s.Kind);
        int test = s.Test ?? (int)Math.Min(10_000, s.Subset is int n ? Math.Max(1, n / 5) : 10_000);
        long total = (s.Subset ?? data.Size) + test;
        var progress = console.Count($"drawing {data.Name}", (int)total, quiet: false);
        var info = FactorDatasetFolder.Write(s.Out, data, s.Subset, test, s.Seed, new Progress(progress));
        progress.Done();
        console.WriteLine($"Wrote {info.Train:N0} training and {info.Test:N0} test images of {data.Name} ({data.Shape}; factors "
            + string.Join(", ", data.Factors.Select(f => $"{f.Name} {f.Count}")) + $") to {s.Out}");
        if (s.Preview is not null)
        {
            ImageGrid.Save(s.Preview, data.Render(data.SampleFactors(32, new Random(s.Seed))), data.Shape, 8);
            console.WriteLine($"Wrote 32 random images to {s.Preview}");
        }
        console.WriteLine($"Train on it with: ./vae train --data mnist:{s.Out} --model conv --binarize none ...");
        return ExitCodes.Ok;
    }

    sealed class Progress(CountProgress inner) : IProgress<long>
    {
        public void Report(long value) => inner.Report((int)value);
    }
}
