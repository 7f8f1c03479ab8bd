using System.Globalization;
using Vae.Reporting;
using Vae.Runs;
using Vae.Training;
using static TorchSharp.torch;

namespace Vae.Applications.SingleCell;

/// <summary>One β of a sweep evaluated on cells; <see cref="Rate"/> is the held-out cells' mean KL(q(z|x) ‖ p(z)) in nats.</summary>
public sealed record TradeoffPoint(double Beta, string ModelDir, double Rate, CellEvaluationResult Result);

/// <summary>
/// The β trade-off on single-cell data: every model of a <c>vae sweep</c> folder (<c>beta-&lt;β&gt;</c>
/// subfolders) evaluated by <see cref="CellEvaluation"/> on the same cells, with the PCA baseline
/// computed once, and plotted against β.
/// </summary>
public static class BetaTradeoff
{
    public static IReadOnlyList<TradeoffPoint> Evaluate(string sweepDir, Device device, CellEvaluationOptions options,
        string? source = null, string? metadata = null, string? labelKey = null, string? batchKey = null, Action<string>? log = null)
    {
        var dirs = Folders(sweepDir);
        ModelCells? cells = null;
        Vae.Data.DataOptions? loadedFor = null;
        float[]? baseline = null;
        var points = new List<TradeoffPoint>();
        foreach (var (beta, dir) in dirs)
        {
            using var loaded = ModelFolder.Load(dir, device);
            if (cells is null || loaded.Config.Data != loadedFor)
            {
                cells = ModelCells.Load(loaded.Config, source, metadata, labelKey, batchKey);
                loadedFor = loaded.Config.Data;
                baseline = null;
            }
            if (cells.Labels is null) throw new VaeException("--label-key: the evaluation needs known cell labels (a metadata column such as cell_type).");
            int components = options.Components ?? loaded.Model.Latent;
            baseline = baseline is not null && baseline.Length == cells.Data.Count * components ? baseline
                : PcaBaseline.Embed(cells.Data.Cells.Counts.Counts, cells.Data.Genes, components, options.Metrics.Seed);
            log?.Invoke($"β = {beta.ToString("G6", CultureInfo.InvariantCulture)}: {dir}");
            var result = CellEvaluation.Evaluate(loaded.Model, cells.Data, cells.Labels, cells.LabelNames!, cells.Batches, device, options with { Components = components }, baseline);
            points.Add(new TradeoffPoint(beta, dir, result.Vae.HeldoutRecon - result.Vae.HeldoutElbo, result));
        }
        return points;
    }

    /// <summary>The reference of <see cref="Differences"/>: β = 1 when the sweep has it, else its smallest β.</summary>
    public static double ReferenceBeta(IReadOnlyList<TradeoffPoint> points) => points.Any(p => p.Beta == 1) ? 1 : points[0].Beta;

    /// <summary>
    /// Per point, the held-out log p(x) minus that of the <see cref="ReferenceBeta"/> model, as the mean of the
    /// per-cell differences over the same held-out cells (paired) and its standard error, for all cells and for the rare type.
    /// </summary>
    public static IReadOnlyList<((double Mean, double StandardError) All, (double Mean, double StandardError) Rare)> Differences(IReadOnlyList<TradeoffPoint> points)
    {
        var reference = points.First(p => p.Beta == ReferenceBeta(points)).Result;
        return points.Select(p =>
        {
            var r = p.Result;
            if (r.HeldoutLoglikPerCell.Length != reference.HeldoutLoglikPerCell.Length || !r.RareRows.SequenceEqual(reference.RareRows))
                throw new VaeException($"{p.ModelDir}: was tested on other cells than the β = {ReferenceBeta(points)} model; a sweep's models share their data options.");
            var diff = r.HeldoutLoglikPerCell.Select((v, i) => v - reference.HeldoutLoglikPerCell[i]).ToArray();
            return (HeldOutLikelihood.MeanAndStandardError(diff), HeldOutLikelihood.MeanAndStandardError(r.RareRows.Select(i => diff[i]).ToArray()));
        }).ToList();
    }

    /// <summary>The sweep's model folders, by increasing β.</summary>
    public static IReadOnlyList<(double Beta, string Dir)> Folders(string sweepDir)
    {
        if (!Directory.Exists(sweepDir)) throw new VaeException($"{sweepDir}: folder not found (expected the --out folder of `vae sweep`).");
        var dirs = BetaSweep.Folders(sweepDir);
        if (dirs.Count == 0) throw new VaeException($"{sweepDir}: no beta-<β> model folders (run `vae sweep --beta ... --out {sweepDir}` first).");
        return dirs;
    }

    /// <summary>Two PNGs against log₂ β: the embedding scores, and the held-out log-likelihood (overall and rare type).</summary>
    public static (string Scores, string Likelihood) Plot(string directory, IReadOnlyList<TradeoffPoint> points, string title)
    {
        Directory.CreateDirectory(directory);
        var x = points.Select(p => Math.Log2(p.Beta)).ToArray();
        string scores = Path.Combine(directory, "tradeoff-scores.png");
        Plots.Curves(scores,
        [
            ("ARI", x, points.Select(p => p.Result.Vae.Ari).ToArray()),
            ("NMI", x, points.Select(p => p.Result.Vae.Nmi).ToArray()),
            ("silhouette", x, points.Select(p => p.Result.Vae.Silhouette).ToArray()),
            ("batch mixing", x, points.Select(p => p.Result.Vae.BatchMixing).ToArray()),
        ], $"{title}: latent-space scores against β", "log2 β", "score");
        string likelihood = Path.Combine(directory, "tradeoff-loglik.png");
        Plots.Curves(likelihood,
        [
            ("all held-out cells", x, points.Select(p => p.Result.Vae.HeldoutLoglik).ToArray()),
            ($"rare type ({points[0].Result.RareType})", x, points.Select(p => p.Result.Vae.HeldoutLoglikRare).ToArray()),
        ], $"{title}: held-out log p(x) per cell (K = {points[0].Result.K}) against β", "log2 β", "log p(x) (nats per cell)");
        return (scores, likelihood);
    }
}
