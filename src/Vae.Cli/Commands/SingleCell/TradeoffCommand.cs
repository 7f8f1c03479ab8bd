using Vae.Applications.SingleCell;


namespace Vae.Cli.Commands.SingleCell;

public sealed class TradeoffSettings : CommonSettings
{
    [CommandArgument(0, "<sweep-dir>")]
    [Description("The --out folder of `vae sweep` on count data (beta-<β> model folders).")]
    public string SweepDir { get; init; } = "";

    [CommandOption("--data <SOURCE>")]
    [Description("The counts; default: the data the models were trained on.")]
    public string? Data { get; init; }

    [CommandOption("--metadata <CSV>")]
    [Description("Cell metadata CSV; default: the models'.")]
    public string? Metadata { get; init; }

    [CommandOption("--label-key <COLUMN>")]
    [Description("Metadata column of the known cell labels (default: the models', else cell_type).")]
    public string? LabelKey { get; init; }

    [CommandOption("--batch-key <COLUMN>")]
    [Description("Metadata column of the batch for batch mixing (default: the models' batch covariate, else batch).")]
    public string? BatchKey { get; init; }

    [CommandOption("--cells <WHICH>")]
    [Description("Cells whose embeddings are scored: all (default) or heldout.")]
    [DefaultValue("all")]
    public string Cells { get; init; } = "all";

    [CommandOption("-k <K>")]
    [Description("Importance samples per held-out cell (default 100). Also --k.")]
    [DefaultValue(100)]
    public int K { get; init; } = 100;

    [CommandOption("--seed <S>")]
    [Description("Seed of the metrics and the importance samples (default 0).")]
    [DefaultValue(0)]
    public int Seed { get; init; }

    [CommandOption("--json")]
    [Description("Print one JSON object {\"reference_beta\": b, \"points\": [[{beta, rate, vae: {…}, pca: {…}, loglik_vs_reference, loglik_rare_vs_reference, …}]]}.")]
    public bool Json { get; init; }
}

[Description("The β trade-off on counts: evaluate every model of a `vae sweep` folder like `sc evaluate` (held-out log-likelihood overall and for the rare type, ARI, NMI, silhouette, batch mixing), print a table, write tradeoff.json and plots against β.")]
public sealed class TradeoffCommand(CliConsole console) : Command<TradeoffSettings>
{
    public override int Execute(CommandContext context, TradeoffSettings s, CancellationToken cancel)
    {
        var device = s.Setup();
        var options = new EvaluateSettings { Cells = s.Cells, K = s.K, Seed = s.Seed }.ToOptions();
        var points = BetaTradeoff.Evaluate(s.SweepDir, device, options, s.Data, s.Metadata, s.LabelKey, s.BatchKey, s.Json ? null : m => console.Err.WriteLine(m));
        var (scores, loglik) = BetaTradeoff.Plot(s.SweepDir, points, Path.GetFileName(Path.GetFullPath(s.SweepDir).TrimEnd('/')));
        var diffs = BetaTradeoff.Differences(points);
        double reference = BetaTradeoff.ReferenceBeta(points);
        string json = JsonSerializer.Serialize(TradeoffResult.From(reference, points, diffs), Json.Line);
        AtomicFile.WriteAllText(Path.Combine(s.SweepDir, "tradeoff.json"), json + "\n");
        if (s.Json) { console.WriteLine(json); return ExitCodes.Ok; }
        var r0 = points[0].Result;
        console.WriteLine($"Held-out cells {r0.HeldoutCells:N0} (rare type {r0.RareType}: {r0.RareHeldoutCells}); log p(x) with K = {r0.K}, nats per cell; Δ = paired difference to β = {reference:G4} ± standard error; scores on {r0.Embedded} cells.");
        console.WriteLine($"{"beta",6} {"rate",7} {"log p(x)",9} {"Δ",14} {"rare",9} {"Δ rare",14} {"ARI",6} {"NMI",6} {"silh.",6} {"mixing",6}");
        for (int i = 0; i < points.Count; i++)
        {
            var (p, v, d) = (points[i], points[i].Result.Vae, diffs[i]);
            console.WriteLine($"{p.Beta,6:G4} {p.Rate,7:F2} {v.HeldoutLoglik,9:F1} {Pm(d.All),14} {v.HeldoutLoglikRare,9:F1} {Pm(d.Rare),14} {v.Ari,6:F3} {v.Nmi,6:F3} {v.Silhouette,6:F3} {v.BatchMixing,6:F3}");
        }
        var pca = r0.Pca;
        console.WriteLine($"{"PCA",6} {"",7} {"",9} {"",14} {"",9} {"",14} {pca.Ari,6:F3} {pca.Nmi,6:F3} {pca.Silhouette,6:F3} {pca.BatchMixing,6:F3}   ({r0.Components} components)");
        console.WriteLine($"Plots: {scores}, {loglik}; points: {Path.Combine(s.SweepDir, "tradeoff.json")}");
        return ExitCodes.Ok;
    }

    static string Pm((double Mean, double StandardError) d) => double.IsNaN(d.StandardError) ? $"{d.Mean:+0.0;-0.0;0.0}" : $"{d.Mean:+0.0;-0.0;0.0} ± {d.StandardError:F1}";
}
