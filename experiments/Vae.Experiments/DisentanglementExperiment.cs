using System.Text.Json;
using Vae.Runs;
using static Vae.Experiments.Markdown;

namespace Vae.Experiments;

/// <summary>
/// Issue 11's evidence (docs/results/disentanglement-sweep.md): five objectives of the β-VAE family,
/// each at five strengths and three seeds, on dSprites, with every disentanglement metric, the test
/// reconstruction and KL, and traversals of the best and worst run. Each run's results are cached
/// beside its model folder (&lt;run&gt;.eval.json, &lt;run&gt;.dis.json), so the sweep resumes and can be
/// split over processes with --shard i/n; the page is written once every result exists.
/// </summary>
public static class DisentanglementExperiment
{
    public sealed record Objective(string Key, string Name, string Strength, Func<double, string[]> Args);

    public static readonly Objective[] Objectives =
    [
        new("beta-vae", "β-VAE", "β", s => ["--beta", N(s)]),
        new("beta-tcvae", "β-TCVAE", "TC weight β", s => ["--objective", "beta-tcvae", "--tc-weight", N(s)]),
        new("factor-vae", "FactorVAE", "γ = 10β", s => ["--objective", "factor-vae", "--factor-gamma", N(10 * s)]),
        new("dip-vae-i", "DIP-VAE-I", "λ_od = β, λ_d = 10λ_od", s => ["--objective", "dip-vae-i", "--dip-lambda-od", N(s)]),
        new("capacity", "annealed capacity", "C_max = 100/β nats, γ = 1000", s => ["--objective", "capacity", "--capacity-max", N(100 / s), "--capacity-gamma", "1000", "--capacity-epochs", "4"]),
    ];

    public static readonly double[] Strengths = [1, 2, 4, 8, 16];
    public static readonly int[] Seeds = [1, 2, 3];

    public static readonly string[] MetricKeys = ["beta_vae", "factor_vae", "mig", "dci_disentanglement", "dci_completeness", "dci_informativeness", "sap", "modularity"];
    private static readonly string[] MetricNames = ["BetaVAE", "FactorVAE", "MIG", "DCI D", "DCI C", "DCI I", "SAP", "modularity"];

    private static string N(double v) => v.ToString("G6", System.Globalization.CultureInfo.InvariantCulture);

    public static string[] Data(string runs) => ["dsprites", "--out", Path.Combine(runs, "data"), "--subset", "20000", "--test", "1000"];

    public static string[] Train(string runs, Objective o, double s, int seed) =>
    [
        "--threads", "1", "--data", "mnist:" + Path.Combine(runs, "data"), "--model", "conv", "--channels", "16,16,32,32",
        "--binarize", "none", "--latent", "10", "--batch-size", "64", "--epochs", "5", "--val-size", "1000", .. o.Args(s), "--seed", N(seed),
    ];

    public static string[] Eval(string dir) => ["eval", "--threads", "1", dir, "--k", "10", "--json"];

    public static string[] Metrics(string runs, string dir) =>
        ["disentangle", "--threads", "1", dir, "--data", Path.Combine(runs, "data"), "--scale", "0.25", "--vote-points", "500", "--json"];

    public static string[] Diagnose(string dir) => ["diagnose", "--threads", "1", dir, "--json"];

    public static string RunDir(string runs, Objective o, double s, int seed) => Path.Combine(runs, $"{o.Key}-s{N(s)}-seed{seed}");

    private sealed record Result(Objective Objective, double Strength, int Seed, string Dir, JsonElement Eval, JsonElement Scores, JsonElement Diagnosis)
    {
        public double Information => Diagnosis.GetProperty("mutual_information").GetDouble();
        /// <summary>I(x; z) under the diagnosis's collapse line (1 nat).</summary>
        public bool Collapsed => Information < Vae.Evaluation.LatentReport.CollapsedInformation;
        public double ActiveByCovariance => Diagnosis.GetProperty("active_units_cov").GetDouble();
        public double Metric(string key) => Scores.GetProperty(key).GetDouble();
    }

    /// <summary>Trains and measures this shard's runs (seed-major order); returns the page, or null while results are missing.</summary>
    public static string? Run(string runs, string figures, int shard, int shards, string command)
    {
        if (!File.Exists(Path.Combine(runs, "data", "dataset.json"))) Cli.Run(Data(runs));
        var results = new List<Result>();
        int index = 0;
        foreach (int seed in Seeds)
            foreach (double s in Strengths)
                foreach (var o in Objectives)
                {
                    string dir = RunDir(runs, o, s, seed);
                    bool mine = index++ % shards == shard;
                    if (mine) Runs.Train(dir, Train(runs, o, s, seed));
                    var eval = Cached(dir + ".eval.json", mine && Runs.Finished(dir), () => Cli.Run(Eval(dir)));
                    var scores = Cached(dir + ".dis.json", mine && Runs.Finished(dir), () => Cli.Run(Metrics(runs, dir)));
                    var diagnosis = Cached(dir + ".diagnose.json", mine && Runs.Finished(dir), () => Cli.Run(Diagnose(dir)));
                    if (eval is JsonElement e && scores is JsonElement m && diagnosis is JsonElement g) results.Add(new Result(o, s, seed, dir, e, m, g));
                }
        int expected = Objectives.Length * Strengths.Length * Seeds.Length;
        if (results.Count < expected)
        {
            Console.Error.WriteLine($"{results.Count} of {expected} runs measured; the page is written when all are (other shards still running?).");
            return null;
        }
        return Page(runs, figures, results, command);
    }

    private static JsonElement? Cached(string path, bool compute, Func<string> run)
    {
        if (!File.Exists(path))
        {
            if (!compute) return null;
            string json = run();
            File.WriteAllText(path + ".tmp", json);
            File.Move(path + ".tmp", path, overwrite: true);
        }
        return JsonDocument.Parse(File.ReadAllText(path)).RootElement.Clone();
    }

    private static (double Mean, double Sd) Spread(IEnumerable<double> values)
    {
        var v = values.ToArray();
        double mean = v.Average();
        double sd = v.Length > 1 ? Math.Sqrt(v.Sum(x => (x - mean) * (x - mean)) / (v.Length - 1)) : 0;
        return (mean, sd);
    }

    private static string Pm(IEnumerable<double> values, int digits)
    {
        var (mean, sd) = Spread(values);
        return $"{F(mean, digits).Replace("-0.00", "0.00")} ± {F(sd, digits)}"; // no "−0.00" for a mean that rounds to zero
    }

    private static string Page(string runs, string figures, List<Result> results, string command)
    {
        var md = new Markdown();
        md.Line("# Disentanglement: the β-VAE family × strength × seed on dSprites").Line();
        md.Line($"Produced by `{command}` on {DateTime.UtcNow:yyyy-MM-dd} ({Vae.Runs.RunEnvironment.CpuName()}, {Environment.ProcessorCount} cores; {Vae.Runtime.Describe()}). "
            + "Data, metrics and objectives are described in [disentanglement.md](disentanglement.md); this page is the sweep issue 11 asks for.").Line();
        var example = RunDir(runs, Objectives[0], 4, 1);
        md.Line($"**Setup.** Data: `{Cli.Command(Data(runs))}` (20,000 dSprites training images of the 737,280-image grid, 1,000 test images; 1,000 of the training images are held out for validation). "
            + "Model: the convolutional VAE of Locatello et al. at half width (four 4×4 stride-2 convolutions with 16, 16, 32, 32 channels, a 256-unit dense layer, 10 latents, Bernoulli likelihood), Adam 1e-3, batch 64, 5 epochs (1,485 steps; disentanglement_lib trains 300,000). "
            + $"Each of the {results.Count} runs: `{Cli.Command(["train", "--out", example, .. Train(runs, Objectives[0], 4, 1)])}` with the objective's options below, then `{Cli.Command(Eval(example))}` (test −ELBO, reconstruction and KL on the 1,000 test images, nats per image), `{Cli.Command(Diagnose(example))}` (I(x; z) and the units active by the covariance criterion Var_x E[z_j|x] > 0.01, on the same images) and `{Cli.Command(Metrics(runs, example))}` "
            + "(BetaVAE and FactorVAE scores from 500 training and 250 evaluation points, so an accuracy has a standard error of about 0.03; MIG, DCI, SAP and modularity from 2,500 training and 1,250 test samples — a quarter of disentanglement_lib's sizes).").Line();
        md.Line("The strength axis: " + string.Join("; ", Objectives.Select(o => $"{o.Name}: {o.Strength} (`{string.Join(" ", o.Args(4))}` at β = 4)")) + ". "
            + "Every cell is the mean ± standard deviation over seeds " + string.Join(", ", Seeds) + "; the metrics' own seed is fixed (0), so the spread is the training seed's.").Line();

        var header = new List<string> { "model", "β", "reconstruction", "KL", "I(x; z)", "active (cov)" };
        header.AddRange(MetricNames);
        var rows = new List<IReadOnlyList<string>>();
        foreach (var o in Objectives)
            foreach (double s in Strengths)
            {
                var g = results.Where(r => r.Objective == o && r.Strength == s).ToList();
                var row = new List<string> { o.Name, N(s), Pm(g.Select(r => r.Eval.GetProperty("reconstruction").GetDouble()), 1), Pm(g.Select(r => r.Eval.GetProperty("kl").GetDouble()), 2), Pm(g.Select(r => r.Information), 2), Pm(g.Select(r => r.ActiveByCovariance), 1) };
                row.AddRange(MetricKeys.Select(k => Pm(g.Select(r => r.Metric(k)), 3)));
                rows.Add(row);
            }
        md.Line("## The table").Line();
        md.Table(header, rows);

        md.Line("## What changes with β, and how much the seed matters").Line();
        md.Line("Spearman's rank correlation between the strength β and each metric over each objective's 15 runs (+1: the metric rises with β in every comparison), and the seed's share of the spread: "
            + "the mean over the 25 (objective, β) cells of the standard deviation across seeds, against the standard deviation of the 25 cell means; the same without the collapsed runs (I(x; z) < 1 nat, listed below; cells left with one run are dropped).").Line();
        var corrHeader = new List<string> { "", "reconstruction", "KL" };
        corrHeader.AddRange(MetricNames);
        var corrRows = new List<IReadOnlyList<string>>();
        Func<Result, double>[] columns = [r => r.Eval.GetProperty("reconstruction").GetDouble(), r => r.Eval.GetProperty("kl").GetDouble(), .. MetricKeys.Select(k => (Func<Result, double>)(r => r.Metric(k)))];
        foreach (var o in Objectives)
        {
            var g = results.Where(r => r.Objective == o).ToList();
            corrRows.Add([$"ρ(β, ·), {o.Name}", .. columns.Select(c => F(Vae.Evaluation.RankCorrelation.Spearman(g.Select(r => r.Strength).ToList(), g.Select(c).ToList()), 2))]);
        }
        void SpreadRows(IEnumerable<Result> runs, string which)
        {
            var cells = runs.GroupBy(r => (r.Objective.Key, r.Strength)).Where(cell => cell.Count() > 1).ToList();
            corrRows.Add([$"seed sd (mean over {cells.Count} cells{which})", .. columns.Select((c, i) => F(cells.Average(cell => Spread(cell.Select(c)).Sd), i == 0 ? 1 : 3))]);
            corrRows.Add([$"sd of the {cells.Count} cell means{which}", .. columns.Select((c, i) => F(Spread(cells.Select(cell => cell.Average(c))).Sd, i == 0 ? 1 : 3))]);
        }
        SpreadRows(results, "");
        SpreadRows(results.Where(r => !r.Collapsed), ", collapsed runs left out");
        md.Table(corrHeader, corrRows);

        var collapsed = results.Where(r => r.Collapsed).ToList();
        md.Line($"Collapsed runs (I(x; z) < 1 nat: z tells fewer than e images apart, and the decoder draws about the same image for every z): {collapsed.Count} of {results.Count}"
            + (collapsed.Count > 0 ? " — " + string.Join(", ", collapsed.GroupBy(r => r.Objective.Name).Select(g => $"{g.Key} at β = {string.Join("/", g.Select(r => N(r.Strength)).Distinct())} ({g.Count()})")) : "") + ".").Line();

        // Traversals of the best and the worst run by MIG, and of the worst that did not collapse.
        var best = results.MaxBy(r => r.Metric("mig"))!;
        var worst = results.MinBy(r => r.Metric("mig"))!;
        var worstLive = results.Where(r => !r.Collapsed).MinBy(r => r.Metric("mig"))!;
        md.Line("## Traversals of the best and the worst run (by MIG), and of the worst run that did not collapse").Line();
        md.Line("Row j sweeps z_j from −2 to 2 with the other dimensions at the code of one random test image.").Line();
        foreach (var (label, r) in new[] { ("best", best), ("worst", worst), ("worst-not-collapsed", worstLive) })
        {
            string png = Path.Combine(figures, $"sweep-traversal-{label}.png");
            string[] cmd = ["disentangle", "--threads", "1", r.Dir, "--data", Path.Combine(runs, "data"), "--metrics", "mig", "--traversal", png];
            string output = Cli.Run(cmd);
            string kl = output.Split('\n').FirstOrDefault(l => l.Contains("mean KL per row", StringComparison.Ordinal))?.Trim() ?? "";
            md.Line($"**{label}**: {r.Objective.Name}, β = {N(r.Strength)}, seed {r.Seed} (MIG {F(r.Metric("mig"), 3)}, DCI D {F(r.Metric("dci_disentanglement"), 3)}, reconstruction {F(r.Eval.GetProperty("reconstruction").GetDouble(), 1)}, KL {F(r.Eval.GetProperty("kl").GetDouble(), 2)}); `{Cli.Command(cmd)}`; {kl}").Line();
            md.Line($"![{label}](disentanglement/{Path.GetFileName(png)})").Line();
        }
        return md.ToString();
    }
}
