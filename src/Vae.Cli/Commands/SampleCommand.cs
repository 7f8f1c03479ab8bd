
namespace Vae.Cli.Commands;

public sealed class SampleSettings : ModelSettings
{
    [CommandOption("-n <N>")]
    [Description("Number of samples (default 64). Also --n.")]
    [DefaultValue(64)]
    public int N { get; init; } = 64;

    [CommandOption("--out <FILE>")]
    [Description("Output: a .png grid (images) or a .csv table.")]
    [DefaultValue("samples.png")]
    public string Out { get; init; } = "samples.png";

    [CommandOption("--seed <S>")]
    [Description("Seed of z ~ p(z) (default 0).")]
    [DefaultValue(0)]
    public int Seed { get; init; }

    [CommandOption("--draw")]
    [Description("Draw x ~ p(x|z) instead of showing the mean E[[x|z]].")]
    public bool Draw { get; init; }

    [CommandOption("--columns <C>")]
    [Description("Images per row of the grid (default 8).")]
    [DefaultValue(8)]
    public int Columns { get; init; } = 8;
}

[Description("Decode z ~ p(z), the model's prior (N(0, I), a VampPrior's mixture, a two-layer model's p(z1|z2) p(z2)), into new examples: a PNG grid or a CSV.")]
public sealed class SampleCommand(CliConsole console) : Command<SampleSettings>
{
    public override int Execute(CommandContext context, SampleSettings s, CancellationToken cancel)
    {
        if (s.N < 1) throw new VaeException($"--n {s.N}: must be ≥ 1.");
        if (s.Columns < 1) throw new VaeException($"--columns {s.Columns}: must be ≥ 1.");
        var device = s.Setup();
        using var loaded = ModelFolder.Load(s.ModelDir, device);
        var x = Generation.Sample(loaded.Model, s.N, device, s.Seed, s.Draw);
        Outputs.WriteExamples(s.Out, x, loaded.Config.Model.Input, s.Columns);
        console.WriteLine($"Wrote {s.N} samples to {s.Out}");
        return ExitCodes.Ok;
    }
}
