
namespace Vae.Cli.Commands;

public sealed class PlotSettings : ModelSettings
{
    [CommandOption("--out <FILE>")]
    [Description("PNG of the training curves (default: curves.png in the model folder).")]
    public string? Out { get; init; }

    [CommandOption("--latent <FILE>")]
    [Description("Also plot the test set's latent means colored by label (2-D latent, or its first two principal components).")]
    public string? Latent { get; init; }
}

[Description("Plot a model's training curves (and optionally its latent space) as PNG.")]
public sealed class PlotCommand(CliConsole console) : Command<PlotSettings>
{
    public override int Execute(CommandContext context, PlotSettings s, CancellationToken cancel)
    {
        var device = s.Setup();
        var config = ModelFolder.ReadConfig(s.ModelDir);
        string curves = s.Out ?? Path.Combine(s.ModelDir, RunPlots.CurvesFile);
        Plots.TrainingCurves(curves, ModelFolder.ReadMetrics(s.ModelDir), RunPlots.Describe(config));
        console.WriteLine($"Wrote {curves}");
        if (s.Latent is not null)
        {
            using var loaded = ModelFolder.Load(s.ModelDir, device);
            RunPlots.LatentScatter(s.Latent, loaded.Model, EvaluationData.LoadTest(config, 5000), device);
            console.WriteLine($"Wrote {s.Latent}");
        }
        return ExitCodes.Ok;
    }
}
