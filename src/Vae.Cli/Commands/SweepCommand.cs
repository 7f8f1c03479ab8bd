using Vae.Training;


namespace Vae.Cli.Commands;

public sealed class SweepSettings : TrainSettings
{
    [CommandOption("-n <N>")]
    [Description("Test examples for rate and distortion (default 10000). Also --n.")]
    [DefaultValue(10000)]
    public int N { get; init; } = 10000;

    [CommandOption("--json")]
    [Description("Print the points as one JSON object {\"points\": [[{beta, rate, distortion, elbo, mse, model_dir}]]}.")]
    public bool Json { get; init; }
}

[Description("Rate–distortion: train one model per --beta value (a comma-separated list; resumable: finished points are not retrained), measure rate R and distortion D on the test split, and plot the R–D curve with the lines of constant ELBO.")]
public sealed class SweepCommand(CliConsole console) : Command<SweepSettings>
{
    public override int Execute(CommandContext context, SweepSettings s, CancellationToken cancel)
    {
        if (s.Resume is not null) throw new VaeException("--resume: a sweep resumes by itself; run the same `vae sweep` command again.");
        if (s.Out is null) throw new VaeException("--out <DIR> is required (the sweep's folder; each β gets a subfolder).");
        if (s.TensorBoard is not null) throw new VaeException("--tensorboard: not supported by vae sweep; train a β with vae train --beta B --tensorboard DIR.");
        if (s.N < 1) throw new VaeException($"--n {s.N}: must be ≥ 1.");
        var device = s.Setup();
        var betas = s.Betas();
        var config = s.ToRunConfig(beta: betas[0]);
        var points = BetaSweep.Run(config, betas, s.Out, device, s.N, beta =>
        {
            if (!s.Json) console.Err.WriteLine($"— β = {beta} —");
            return s.Json ? null : console.TrainingProgress();
        }, cancel);
        string plot = Path.Combine(s.Out, "rate-distortion.png");
        Plots.RateDistortion(plot, points.Select(p => ($"β={p.Beta:G4}", p.Rate, p.Distortion)).ToList(), $"Rate–distortion, {RunPlots.Describe(config)}");
        var json = JsonSerializer.Serialize(SweepResult.From(points), Json.Line);
        AtomicFile.WriteAllText(Path.Combine(s.Out, "sweep.json"), json + "\n");
        if (s.Json) { console.WriteLine(json); return ExitCodes.Ok; }
        console.WriteLine($"{"beta",8} {"rate R",10} {"distortion D",13} {"ELBO",10} {"MSE",10}");
        foreach (var p in points)
            console.WriteLine($"{p.Beta,8:G4} {p.Rate,10:F2} {p.Distortion,13:F2} {p.Elbo,10:F2} {(p.MeanSquaredError is double m ? m.ToString("F4") : "-"),10}");
        console.WriteLine($"R–D plot: {plot}; points: {Path.Combine(s.Out, "sweep.json")}");
        return ExitCodes.Ok;
    }
}
