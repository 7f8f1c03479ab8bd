
namespace Vae.Cli.Commands;

public sealed class ReconstructSettings : ModelSettings
{
    [CommandOption("-n <N>")]
    [Description("Number of test examples (default 16). Also --n.")]
    [DefaultValue(16)]
    public int N { get; init; } = 16;

    [CommandOption("--out <FILE>")]
    [Description("PNG: rows of inputs, each above its reconstructions (default recon.png).")]
    [DefaultValue("recon.png")]
    public string Out { get; init; } = "recon.png";

    [CommandOption("--columns <C>")]
    [Description("Images per row (default 16).")]
    [DefaultValue(16)]
    public int Columns { get; init; } = 16;
}

[Description("Reconstruct test examples through z = mu(x): inputs above reconstructions, in one PNG.")]
public sealed class ReconstructCommand(CliConsole console) : Command<ReconstructSettings>
{
    public override int Execute(CommandContext context, ReconstructSettings s, CancellationToken cancel)
    {
        if (s.N < 1) throw new VaeException($"--n {s.N}: must be ≥ 1.");
        if (s.Columns < 1) throw new VaeException($"--columns {s.Columns}: must be ≥ 1.");
        var device = s.Setup();
        using var loaded = ModelFolder.Load(s.ModelDir, device);
        var test = EvaluationData.LoadTest(loaded.Config, s.N);
        var recon = Generation.Reconstruct(loaded.Model, test, device);
        ImageGrid.Save(s.Out, ReconstructionGrid.Interleave(test.Features, recon, test.Dimension, s.Columns), test.Shape, Math.Min(s.Columns, test.Count));
        console.WriteLine($"Wrote {test.Count} inputs and their reconstructions to {s.Out}");
        return ExitCodes.Ok;
    }
}
