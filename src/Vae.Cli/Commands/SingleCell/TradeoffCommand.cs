using System.ComponentModel;
using System.Text.Json;
using Spectre.Console.Cli;
using Vae.Applications.SingleCell;
using Vae.IO;

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
    [Description("Print one JSON object {\"points\": [[{beta, rate, vae: {…}, pca: {…}, …}]]}.")]
    public bool Json { get; init; }
}

[Description("The β trade-off on counts: evaluate every model of a `vae sweep` folder like `sc evaluate` (held-out log-likelihood overall and for the rare type, ARI, NMI, silhouette, batch mixing), print a table, write tradeoff.json and plots against β.")]
public sealed class TradeoffCommand : Command<TradeoffSettings>
{
    public override int Execute(CommandContext context, TradeoffSettings s, CancellationToken cancel)
    {
        var device = s.Setup();
        var options = new EvaluateSettings { Cells = s.Cells, K = s.K, Seed = s.Seed }.ToOptions();
        var points = BetaTradeoff.Evaluate(s.SweepDir, device, options, s.Data, s.Metadata, s.LabelKey, s.BatchKey, s.Json ? null : m => Console.Error.WriteLine(m));
        var (scores, loglik) = BetaTradeoff.Plot(s.SweepDir, points, Path.GetFileName(Path.GetFullPath(s.SweepDir).TrimEnd('/')));
        string json = JsonSerializer.Serialize(new
        {
            points = points.Select(p => new
            {
                beta = p.Beta, rate = p.Rate, vae = p.Result.Vae, pca = p.Result.Pca, cells = p.Result.Embedded, heldout_cells = p.Result.HeldoutCells,
                rare_type = p.Result.RareType, rare_heldout_cells = p.Result.RareHeldoutCells, k = p.Result.K, model_dir = p.ModelDir,
            }),
        }, Json.Line);
        AtomicFile.WriteAllText(Path.Combine(s.SweepDir, "tradeoff.json"), json + "\n");
        if (s.Json) { Console.WriteLine(json); return ExitCodes.Ok; }
        var r0 = points[0].Result;
        Console.WriteLine($"{"beta",6} {"rate",8} {"log p(x)",10} {"rare",10} {"ARI",7} {"NMI",7} {"silh.",7} {"mixing",7}   (held-out cells {r0.HeldoutCells:N0}, rare {r0.RareType} {r0.RareHeldoutCells}; K = {r0.K}; scores on {r0.Embedded} cells)");
        foreach (var p in points)
        {
            var v = p.Result.Vae;
            Console.WriteLine($"{p.Beta,6:G4} {p.Rate,8:F2} {v.HeldoutLoglik,10:F2} {v.HeldoutLoglikRare,10:F2} {v.Ari,7:F3} {v.Nmi,7:F3} {v.Silhouette,7:F3} {v.BatchMixing,7:F3}");
        }
        var pca = r0.Pca;
        Console.WriteLine($"{"PCA",6} {"",8} {"",10} {"",10} {pca.Ari,7:F3} {pca.Nmi,7:F3} {pca.Silhouette,7:F3} {pca.BatchMixing,7:F3}   ({r0.Components} components)");
        Console.WriteLine($"Plots: {scores}, {loglik}; points: {Path.Combine(s.SweepDir, "tradeoff.json")}");
        return ExitCodes.Ok;
    }
}
