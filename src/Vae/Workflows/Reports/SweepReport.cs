using System.Diagnostics;
using Vae.Evaluation;
using Vae.IO;
using Vae.Reporting;
using Vae.Runs;
using Vae.Training;
using static TorchSharp.torch;
using static Vae.Workflows.Reports.ReportText;

namespace Vae.Workflows.Reports;

/// <summary>
/// The report of a β sweep (the --out folder of `vae sweep`): the rate–distortion curve with its lines of constant
/// ELBO, rate, distortion and −ELBO against β, a table per β, one row of samples per β for image models, and the
/// single-cell trade-off plots when `vae sc tradeoff` has written them.
/// </summary>
public static class SweepReport
{
    public const string PointsFile = "sweep.json";

    /// <summary>A point of sweep.json as `vae sweep` writes it.</summary>
    public sealed record Point(double Beta, double Rate, double Distortion, double Elbo, double? Mse, int N, string ModelDir);

    sealed record PointsDocument(List<Point> Points);

    public static bool IsSweep(string dir) => File.Exists(Path.Combine(dir, PointsFile)) || BetaSweep.Folders(dir).Count > 0;

    public static HtmlReport Build(string dir, Device device, ReportBudget budget, Action<string>? step = null)
    {
        step ??= _ => { };
        var clock = Stopwatch.StartNew();
        var page = new HtmlReport($"β sweep: {ModelReport.FolderName(dir)}");
        var points = Points(dir, device, budget, page, step);
        if (points.Count == 0) throw new VaeException($"{dir}: the sweep has no measured points and no beta-<β> model folders.");

        page.Heading("Rate and distortion");
        page.Png(Plots.RateDistortionPng(points.Select(p => ($"β={G(p.Beta)}", p.Rate, p.Distortion)).ToList(), "Rate–distortion (dotted: lines of constant ELBO)"),
            "Rate R = E KL(q(z|x) ‖ p(z)) against distortion D = −E log p(x|z), one point per β");
        bool logScale = points.All(p => p.Beta > 0);
        double[] x = points.Select(p => logScale ? Math.Log2(p.Beta) : p.Beta).ToArray();
        page.Png(Plots.CurvesPng(
            [
                ("rate R", x, points.Select(p => p.Rate).ToArray()),
                ("distortion D", x, points.Select(p => p.Distortion).ToArray()),
                ("−ELBO = R + D", x, points.Select(p => -p.Elbo).ToArray()),
            ], "Rate, distortion and −ELBO against β", logScale ? "log2 β" : "β", "nats per example", 800, 450),
            "Scores against β (nats per example, test split)");
        page.Table(["β", "rate R", "distortion D", "−ELBO", "MSE", "test examples", "epochs", "folder"],
            points.Select(p => (IReadOnlyList<string>)[G(p.Beta), F(p.Rate), F(p.Distortion), F(-p.Elbo), F(p.Mse, 4), N(p.N), Epochs(p.ModelDir), ModelReport.FolderName(p.ModelDir)]).ToList());

        string scores = Path.Combine(dir, "tradeoff-scores.png"), loglik = Path.Combine(dir, "tradeoff-loglik.png");
        if (File.Exists(scores) || File.Exists(loglik))
        {
            page.Heading("Single-cell scores against β");
            page.Note("The plots `vae sc tradeoff` wrote into the sweep's folder (its tradeoff.json holds the numbers).");
            page.Image(scores, "ARI, NMI, silhouette and batch mixing of the latent means against β");
            page.Image(loglik, "Held-out log p(x) per cell against β, overall and for the rare type");
        }
        Samples(page, points, device, step);
        page.Note($"Written by vae report in {Seconds(clock.Elapsed)} with the {budget.Name} budget, from {Path.GetFullPath(dir)}.");
        return page;
    }

    // The points of sweep.json when `vae sweep` wrote it, else each beta-<β> folder measured on the budget's test examples.
    static IReadOnlyList<Point> Points(string dir, Device device, ReportBudget budget, HtmlReport page, Action<string> step)
    {
        string file = Path.Combine(dir, PointsFile);
        if (File.Exists(file))
        {
            // model_dir is as `vae sweep` was given it (relative to where it ran): when it is not found from here, the folder of that name in the sweep's.
            var read = Json.ReadFile<PointsDocument>(file, Json.Line).Points
                .Select(p => Directory.Exists(p.ModelDir) ? p : p with { ModelDir = Path.Combine(dir, Path.GetFileName(p.ModelDir.TrimEnd('/', '\\'))) })
                .OrderBy(p => p.Beta).ToList();
            page.Note($"Rate and distortion as `vae sweep` measured them ({PointsFile}: {read.Count} points, on the test split).");
            return read;
        }
        var clock = Stopwatch.StartNew();
        var points = BetaSweep.Folders(dir).Select(f =>
        {
            step($"β = {G(f.Beta)}: rate and distortion on {budget.EvalExamples} test examples");
            var p = BetaSweep.Measure(f.Dir, f.Beta, device, budget.EvalExamples);
            return new Point(p.Beta, p.Rate, p.Distortion, p.Elbo, p.MeanSquaredError, p.N, p.ModelDir);
        }).ToList();
        page.Note($"No {PointsFile} (the sweep did not finish): rate and distortion measured now as `vae sweep` measures them, on the first {N(budget.EvalExamples)} test examples of each model ({Seconds(clock.Elapsed)}).");
        return points;
    }

    static string Epochs(string modelDir) =>
        File.Exists(Path.Combine(modelDir, ModelFolder.StateFile)) ? ModelFolder.ReadState(modelDir).Epoch.ToString() : "—";

    static void Samples(HtmlReport page, IReadOnlyList<Point> points, Device device, Action<string> step)
    {
        var rows = new List<(byte[], string)>();
        foreach (var p in points)
        {
            if (!File.Exists(Path.Combine(p.ModelDir, ModelFolder.ConfigFile))) continue;
            step($"β = {G(p.Beta)}: samples");
            if (SampleRow(p.ModelDir, device) is byte[] png) rows.Add((png, $"β = {G(p.Beta)}"));
        }
        if (rows.Count == 0) return;
        page.Heading("Samples per β");
        page.Note("Ten decoded means E[x|z], z ~ p(z) (seed 0), from each β's model.");
        foreach (var (png, caption) in rows) page.Png(png, caption);
    }

    /// <summary>One row of ten samples of an image model (null for a model of other data, or one that needs a condition).</summary>
    public static byte[]? SampleRow(string modelDir, Device device, int count = 10)
    {
        using var loaded = ModelFolder.Load(modelDir, device);
        var shape = loaded.Config.Model.Input;
        if (shape is not { IsImage: true, Channels: 1 or 3 } || loaded.Model.Options.Conditions > 0) return null;
        return ImageGrid.Render(Generation.Sample(loaded.Model, count, device, seed: 0), shape, count, shape.Width <= 32 ? 2 : 1);
    }
}
