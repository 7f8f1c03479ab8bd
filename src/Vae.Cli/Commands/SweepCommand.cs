using Vae.Distributed;
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

[Description("Rate–distortion: train one model per --beta value (a comma-separated list; resumable: finished points are not retrained), measure rate R and distortion D on the test split, and plot the R–D curve with the lines of constant ELBO. With --ranks N the β values are spread over N ranks of an mpirun (β number i on rank i mod N), each training whole models in one process; the points are those of one process.")]
public sealed class SweepCommand(CliConsole console) : Command<SweepSettings>
{
    public override int Execute(CommandContext context, SweepSettings s, CancellationToken cancel)
    {
        if (s.Resume is not null) throw new VaeException("--resume: a sweep resumes by itself; run the same `vae sweep` command again.");
        if (s.Out is null) throw new VaeException("--out <DIR> is required (the sweep's folder; each β gets a subfolder).");
        if (s.TensorBoard is not null) throw new VaeException("--tensorboard: not supported by vae sweep; train a β with vae train --beta B --tensorboard DIR.");
        if (s.N < 1) throw new VaeException($"--n {s.N}: must be ≥ 1.");
        RankLaunch.Check(s);
        var betas = s.Betas();
        if (s.Ranks is int n) BetaSweep.CheckRanks(betas.Distinct().Count(), n);
        if (RankLaunch.Launches(s))
        {
            int count = s.Ranks!.Value;
            var launched = RankLaunch.Start(count, context.Arguments, console, $"Starting {count} ranks with mpirun (each trains and measures whole models: β number i on rank i mod {count}) …");
            if (launched.Stopped is { } stopped && !launched.RankReportedError)
                console.Err.WriteLine($"error: rank {stopped.Rank} stopped ({stopped.How}); mpirun stopped every other rank. Finished β values are kept; run the same command again to resume.");
            return launched.ExitCode;
        }
        var ranks = RankLaunch.Join(s);
        var device = s.Setup();
        var config = s.ToRunConfig(beta: betas[0]);
        if (ranks.IsDistributed)
            RankAgreement.Require(ranks, [("option --beta", string.Join(",", betas.Select(b => b.ToString("R", System.Globalization.CultureInfo.InvariantCulture)))),
                ("option --out", Path.GetFullPath(s.Out)), ("option --n", s.N.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                ("configuration", JsonSerializer.Serialize(config, Json.Line))]);
        var points = BetaSweep.Run(config, betas, s.Out, device, s.N, beta =>
        {
            if (!s.Json) console.Err.WriteLine(ranks.IsDistributed ? $"— β = {beta} (rank {ranks.Rank}) —" : $"— β = {beta} —");
            return s.Json || ranks.IsDistributed ? null : console.TrainingProgress();
        }, cancel, ranks);
        if (!ranks.IsRoot) return ExitCodes.Ok;   // rank 0 alone draws, writes the summary and prints
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
