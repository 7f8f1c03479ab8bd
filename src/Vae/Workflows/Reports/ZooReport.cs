using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization;
using Vae.IO;
using Vae.Reporting;
using Vae.Runs;
using static TorchSharp.torch;
using static Vae.Workflows.Reports.ReportText;

namespace Vae.Workflows.Reports;

/// <summary>
/// The report of a zoo experiment (the runs folder of `experiments/run zoo`: &lt;model&gt;/seed-&lt;s&gt;/ model folders,
/// each with the zoo.json of its measurements): the comparison table, mean ± standard deviation over the seeds, and
/// one row of samples per model.
/// </summary>
public static class ZooReport
{
    public const string MeasuredFile = "zoo.json";

    /// <summary>One run's zoo.json, as experiments/run zoo writes it (null where the model has no such number).</summary>
    public sealed record Measured(double? Nll, double? NegElbo, double Reconstruction, double FidPrior, double FidGmm,
        int ActiveUnits, double? MutualInformation, double SecondsPerEpoch, double? TotalGap, string? Error = null);

    static readonly JsonSerializerOptions ZooJson = new() { NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };

    /// <summary>The zoo's model folders: subfolders holding seed-&lt;s&gt; runs, by name.</summary>
    public static IReadOnlyList<(string Model, IReadOnlyList<string> Seeds)> Models(string dir) =>
        !Directory.Exists(dir) ? [] : Directory.GetDirectories(dir).Order(StringComparer.Ordinal)
            .Select(m => (Model: Path.GetFileName(m), Seeds: (IReadOnlyList<string>)Directory.GetDirectories(m, "seed-*")
                .Where(s => File.Exists(Path.Combine(s, MeasuredFile)) || File.Exists(Path.Combine(s, ModelFolder.ConfigFile)))
                .OrderBy(s => int.TryParse(Path.GetFileName(s)[5..], out int n) ? n : int.MaxValue).ToList()))
            .Where(m => m.Seeds.Count > 0).ToList();

    public static bool IsZoo(string dir) => Models(dir).Count > 0;

    public static HtmlReport Build(string dir, Device device, ReportBudget budget, Action<string>? step = null)
    {
        step ??= _ => { };
        var clock = Stopwatch.StartNew();
        var models = Models(dir);
        var page = new HtmlReport($"Model zoo: {ModelReport.FolderName(dir)}");
        page.Heading("Comparison");
        page.Note($"From each run's {MeasuredFile} (experiments/run zoo: NLL by importance sampling, −ELBO, reconstruction, Fréchet distances of prior and GMM samples, active units, I(x;z), seconds per epoch); mean ± standard deviation over the seeds measured. Nats per example.");
        var rows = new List<IReadOnlyList<string>>();
        foreach (var (model, seeds) in models)
        {
            var measured = seeds.Where(s => File.Exists(Path.Combine(s, MeasuredFile)))
                .Select(s => Json.ReadFile<Measured>(Path.Combine(s, MeasuredFile), ZooJson)).Where(m => m.Error is null).ToList();
            string Cell(Func<Measured, double?> f, int digits = 1)
            {
                var v = measured.Select(f).OfType<double>().Where(double.IsFinite).ToList();
                if (v.Count == 0) return "—";
                double mean = v.Average(), sd = v.Count > 1 ? Math.Sqrt(v.Sum(x => (x - mean) * (x - mean)) / (v.Count - 1)) : 0;
                return v.Count > 1 ? $"{F(mean, digits)} ± {F(sd, digits)}" : F(mean, digits);
            }
            rows.Add([model, $"{measured.Count} of {seeds.Count}", Cell(m => m.Nll), Cell(m => m.NegElbo), Cell(m => m.Reconstruction), Cell(m => m.FidPrior, 2), Cell(m => m.FidGmm, 2),
                Cell(m => m.ActiveUnits), Cell(m => m.MutualInformation, 2), Cell(m => m.SecondsPerEpoch)]);
        }
        page.Table(["model", "seeds measured", "NLL", "−ELBO", "recon.", "FD prior", "FD gmm", "active", "I(x;z)", "s/epoch"], rows);

        var samples = new List<(byte[], string)>();
        foreach (var (model, seeds) in models)
        {
            string? run = seeds.FirstOrDefault(s => File.Exists(Path.Combine(s, ModelFolder.ConfigFile)));
            if (run is null) continue;
            step($"{model}: samples");
            try
            {
                if (SweepReport.SampleRow(run, device) is byte[] png) samples.Add((png, $"{model} ({Path.GetFileName(run)})"));
            }
            catch (VaeException e) { page.Warning($"{model}: no samples: {e.Message}"); }
        }
        if (samples.Count > 0)
        {
            page.Heading("Samples per model");
            page.Note("Ten decoded means E[x|z], z from each model's prior (N(0, I) for a model without one; seed 0), from the first seed's run.");
            foreach (var (png, caption) in samples) page.Png(png, caption);
        }
        page.Note($"Written by vae report in {Seconds(clock.Elapsed)} with the {budget.Name} budget, from {Path.GetFullPath(dir)}.");
        return page;
    }
}
