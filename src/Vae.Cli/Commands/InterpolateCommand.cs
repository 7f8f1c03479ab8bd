
namespace Vae.Cli.Commands;

public sealed class InterpolateSettings : ModelSettings
{
    [CommandOption("--from <I>")]
    [Description("Index of the first test example (default 0).")]
    public int From { get; init; }

    [CommandOption("--to <J>")]
    [Description("Index of the second test example (default 1).")]
    [DefaultValue(1)]
    public int To { get; init; } = 1;

    [CommandOption("--steps <S>")]
    [Description("Points on the path, both ends included (default 10).")]
    [DefaultValue(10)]
    public int Steps { get; init; } = 10;

    [CommandOption("--spherical")]
    [Description("Interpolate along the great circle (slerp) instead of a straight line.")]
    public bool Spherical { get; init; }

    [CommandOption("--out <FILE>")]
    [Description("PNG: input I, the decoded path, input J (default interp.png).")]
    [DefaultValue("interp.png")]
    public string Out { get; init; } = "interp.png";
}

[Description("Decode the path between the latent means of two test examples.")]
public sealed class InterpolateCommand(CliConsole console) : Command<InterpolateSettings>
{
    public override int Execute(CommandContext context, InterpolateSettings s, CancellationToken cancel)
    {
        var device = s.Setup();
        using var loaded = ModelFolder.Load(s.ModelDir, device);
        var test = EvaluationData.LoadTest(loaded.Config);
        foreach (var (name, i) in new[] { ("--from", s.From), ("--to", s.To) })
            if (i < 0 || i >= test.Count) throw new VaeException($"{name} {i}: the test split has examples 0 to {test.Count - 1}.");
        var path = Generation.Interpolate(loaded.Model, test.Row(s.From), test.Row(s.To), s.Steps, device, s.Spherical);
        float[] strip = [.. test.Row(s.From), .. path, .. test.Row(s.To)];
        ImageGrid.Save(s.Out, strip, test.Shape, s.Steps + 2);
        console.WriteLine($"Wrote the {(s.Spherical ? "spherical" : "linear")} path from test example {s.From} to {s.To} ({s.Steps} steps, inputs at both ends) to {s.Out}");
        return ExitCodes.Ok;
    }
}
