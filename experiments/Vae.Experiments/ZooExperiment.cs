using System.Text.Json;
using static Vae.Experiments.Markdown;

namespace Vae.Experiments;

/// <summary>
/// The model zoo measured with one evaluation (docs/results/zoo.md): every model trained on the same data with
/// the same budget and seeds, then test NLL by importance sampling where it has a density, −ELBO, reconstruction,
/// a Fréchet distance of prior samples and of samples from a Gaussian mixture fitted to its codes, active units,
/// I(x;z) and seconds per epoch; then the published claims, each checked at this budget.
/// </summary>
public static class ZooExperiment
{
    /// <summary>
    /// A model of the zoo: its name in the table, its `vae train` options beyond the shared ones, whether it has a
    /// posterior (and an ELBO), the order of its runs within a seed, and whether `vae gap` splits its inference gap.
    /// </summary>
    public sealed record Entry(string Name, string[] Options, bool Variational = true, int RunOrder = 0, bool Gaps = false);

    /// <summary>The inference gaps of one run (Cremer et al. 2018), from `vae gap`.</summary>
    public sealed record Gaps(double Approximation, double Amortization);

    // The IWAE paper's one-layer architecture (784-200-200-50, tanh) for every model, its two-layer one for the hierarchy.
    static readonly string[] OneLayer = ["--hidden", "200,200", "--latent", "50", "--activation", "tanh"];

    public static readonly Entry[] Models =
    [
        new("VAE", OneLayer, Gaps: true),
        new("IWAE k=5", [.. OneLayer, "--objective", "iwae", "--iw-samples", "5"]),
        new("IWAE k=50", [.. OneLayer, "--objective", "iwae", "--iw-samples", "50"], RunOrder: 1),
        new("MIWAE M=2 K=5", [.. OneLayer, "--objective", "miwae", "--iw-samples", "5", "--iw-groups", "2"]),
        new("CIWAE β=0.5 k=10", [.. OneLayer, "--objective", "ciwae", "--iw-samples", "10", "--ciwae-beta", "0.5"]),
        new("PIWAE M=2 K=5", [.. OneLayer, "--objective", "piwae", "--iw-samples", "5", "--iw-groups", "2"]),
        new("two stochastic layers", ["--hidden", "200,200", "--latent", "100", "--activation", "tanh", "--top-latent", "50", "--top-hidden", "100,100"]),
        new("VampPrior K=500", [.. OneLayer, "--prior", "vamp:500"], RunOrder: 2),
        new("two layers + VampPrior", ["--hidden", "200,200", "--latent", "100", "--activation", "tanh", "--top-latent", "50", "--top-hidden", "100,100", "--prior", "vamp:500"], RunOrder: 2),
        new("planar flow ×8", [.. OneLayer, "--flow", "planar:8"], Gaps: true),
        new("IAF ×4", [.. OneLayer, "--flow", "iaf:4"], Gaps: true),
        new("InfoVAE (MMD) α=0 λ=10", [.. OneLayer, "--objective", "info-vae", "--info-alpha", "0", "--info-lambda", "10"]),
        new("autoencoder", [.. OneLayer, "--model", "ae"], Variational: false),
        new("WAE-MMD", [.. OneLayer, "--model", "ae", "--objective", "wae-mmd"], Variational: false),
        new("RAE-L2", [.. OneLayer, "--model", "ae", "--objective", "rae-l2"], Variational: false),
        new("RAE-GP", [.. OneLayer, "--model", "ae", "--objective", "rae-gp"], Variational: false),
        new("VQ-VAE K=128, 4×4×8", ["--hidden", "200,200", "--activation", "tanh", "--latent", "128", "--model", "ae", "--vq-codes", "128", "--vq-dim", "8", "--vq-grid", "4"], Variational: false, RunOrder: 3),
    ];

    /// <summary>The measurements of one trained run (null where the model has none).</summary>
    public sealed record Measured(double? Nll, double? NegElbo, double Reconstruction, double FidPrior, double FidGmm,
        int ActiveUnits, double? MutualInformation, double SecondsPerEpoch, double? TotalGap)
    {
        /// <summary>Why the run could not be measured (its row then says so); null when it was.</summary>
        public string? Error { get; init; }
    }

    /// <summary>
    /// Measures this shard's runs (reusing finished ones) and, when every run is measured, returns the page; with
    /// <paramref name="pageOnly"/> it measures nothing and writes the page from the runs measured so far, each missing
    /// one named as not measured.
    /// </summary>
    public static string? Run(string runs, string data, int epochs, int seeds, int k, int n, int fidN, int shard, int shards, string command, bool pageOnly = false)
    {
        // Seed by seed, the slow models (the VampPrior's) last in each, so a short session measures every model once first.
        var jobs = Enumerable.Range(1, seeds).SelectMany(s => Models.OrderBy(m => m.RunOrder).Select(m => (Model: m, Seed: s))).ToList();
        var results = new Dictionary<(string, int), Measured>();
        var gaps = new Dictionary<(string, int), Gaps>();
        // The feature classifier is trained on the zoo's data: the project's default folder for Fashion-MNIST, the zoo's own for other data.
        string classifier = data == "fashion-mnist" ? Path.Combine("runs", "classifier") : Path.Combine(runs, "classifier");
        for (int i = 0; i < jobs.Count; i++)
        {
            var (model, seed) = jobs[i];
            string dir = Path.Combine(runs, Slug(model.Name), $"seed-{seed}");
            string file = Path.Combine(dir, "zoo.json");
            string gapFile = Path.Combine(dir, "gap.json");
            if (model.Gaps && File.Exists(gapFile)) gaps[(model.Name, seed)] = JsonSerializer.Deserialize<Gaps>(File.ReadAllText(gapFile))!;
            if (File.Exists(file))
            {
                results[(model.Name, seed)] = JsonSerializer.Deserialize<Measured>(File.ReadAllText(file))!;
                // The gaps were added to the zoo after its first runs: measured on their own, on a trained run.
                if (model.Gaps && !gaps.ContainsKey((model.Name, seed)) && !pageOnly && i % shards == shard)
                    gaps[(model.Name, seed)] = MeasureGaps(dir, gapFile, n);
                continue;
            }
            if (pageOnly)
            {
                results[(model.Name, seed)] = new Measured(null, null, double.NaN, double.NaN, double.NaN, 0, null, double.NaN, null) { Error = "not measured yet; the command above measures it" };
                continue;
            }
            if (i % shards != shard) continue;
            Measured measured;
            try { measured = Measure(model, dir, data, epochs, seed, k, n, fidN, classifier); }
            catch (Exception e)
            {
                // A model that fails is reported in its row, not fatal to the rest; its zoo.json is not written, so a rerun tries again.
                Console.Error.WriteLine($"zoo: {model.Name}, seed {seed}: {e.Message}");
                results[(model.Name, seed)] = new Measured(null, null, double.NaN, double.NaN, double.NaN, 0, null, double.NaN, null) { Error = e.Message.Split('\n')[0] };
                continue;
            }
            if (model.Gaps) gaps[(model.Name, seed)] = MeasureGaps(dir, gapFile, n);
            File.WriteAllText(file, JsonSerializer.Serialize(measured));
            results[(model.Name, seed)] = measured;
        }
        if (results.Count < jobs.Count) return null;   // the other shards are still running
        return Page(results, gaps, data, epochs, seeds, k, n, fidN, command);
    }

    /// <summary>`vae gap` on the first examples of the test set (one optimization per example, so a fifth of the NLL's).</summary>
    static Gaps MeasureGaps(string dir, string file, int n)
    {
        var gap = Cli.Json("gap", dir, "--n", GapExamples(n).ToString(), "--json");
        var g = new Gaps(gap.GetProperty("approximation_gap").GetDouble(), gap.GetProperty("amortization_gap").GetDouble());
        File.WriteAllText(file, JsonSerializer.Serialize(g));
        return g;
    }

    static int GapExamples(int n) => Math.Max(1, n / 5);

    static Measured Measure(Entry model, string dir, string data, int epochs, int seed, int k, int n, int fidN, string classifier)
    {
        Runs.Train(dir, [.. model.Options, "--data", data, "--val-size", "0", "--epochs", epochs.ToString(), "--seed", seed.ToString()]);
        var eval = Cli.Json("eval", dir, "--k", k.ToString(), "--n", n.ToString(), "--json");
        double? nll = Number(eval, "nll");
        double? elbo = model.Variational ? Number(eval, "elbo") : null;
        var prior = Cli.Json("fid", dir, "--sampler", "prior", "--classifier", classifier, "--n", fidN.ToString(), "--json");
        var gmm = Cli.Json("fid", dir, "--sampler", "gmm", "--classifier", classifier, "--n", fidN.ToString(), "--json");
        var diagnose = Cli.Json("diagnose", dir, "--json");
        var seconds = File.ReadLines(Path.Combine(dir, "metrics.jsonl")).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("seconds").GetDouble()).ToList();
        return new Measured(nll, elbo is null ? null : -elbo, prior.GetProperty("recon_nll").GetDouble(), prior.GetProperty("fid").GetDouble(), gmm.GetProperty("fid").GetDouble(),
            model.Variational ? diagnose.GetProperty("active_units_kl").GetInt32() : diagnose.GetProperty("active_units_cov").GetInt32(),
            model.Variational ? diagnose.GetProperty("mutual_information").GetDouble() : null,
            seconds.Skip(seconds.Count > 1 ? 1 : 0).Average(), nll is double l && elbo is double e ? -l - e : null);
    }

    static double? Number(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;

    static string Slug(string name) => new string(name.ToLowerInvariant().Select(c => char.IsLetterOrDigit(c) ? c : '-').ToArray()).Trim('-').Replace("--", "-");

    static string Page(Dictionary<(string, int), Measured> results, Dictionary<(string, int), Gaps> gaps, string data, int epochs, int seeds, int k, int n, int fidN, string command)
    {
        IEnumerable<double> Values(string model, Func<Measured, double?> f) =>
            Enumerable.Range(1, seeds).Select(s => results[(model, s)]).Where(r => r.Error is null).Select(f).OfType<double>();
        string Cell(string model, Func<Measured, double?> f, int digits = 1)
        {
            var v = Values(model, f).ToList();
            if (v.Count == 0) return "—";
            double mean = v.Average(), sd = v.Count > 1 ? Math.Sqrt(v.Sum(x => (x - mean) * (x - mean)) / (v.Count - 1)) : 0;
            return v.Count > 1 ? $"{F(mean, digits)} ± {F(sd, digits)}" : F(mean, digits);
        }
        var md = new Markdown();
        md.Line("# The model zoo, measured with one evaluation").Line();
        md.Line($"Produced by `{command}` on {DateTime.UtcNow:yyyy-MM-dd} ({Vae.Runs.RunEnvironment.CpuName()}, {Environment.ProcessorCount} cores).").Line();
        md.Line($"Data `{data}`; every model {epochs} epochs on all training images (dynamic binarization), Adam 1e-3, batch 128, seeds 1..{seeds}; mean ± standard deviation over the seeds. "
            + "Architecture: the IWAE paper's one-layer network 784-200-200-50 (tanh) for every model; its two-layer network (784-200-200-100, 100-100-50) for the hierarchy. "
            + $"NLL: −log p(x) by importance sampling with K = {k} on the first {n} test images (binarized once), only for models with a density; −ELBO on the same images. "
            + "Reconstruction: −log p(x|z = μ(x)) on the test images. Fréchet distance (FID-style, features of a classifier the project trains on the same data's labels; comparable only within this table) "
            + $"of {fidN} decoded samples with z from the model's prior and from a 10-component Gaussian mixture fitted to the codes of the training images (`--sampler gmm`). "
            + "Active units: dimensions with mean KL > 0.01 nats (for models without a posterior variance, dimensions whose code varies with x). I(x;z) in nats. All in nats per image.").Line();
        md.Table(["model", "NLL", "−ELBO", "recon.", "FD prior", "FD gmm", "active", "I(x;z)", "s/epoch"],
            Models.Select(m => (IReadOnlyList<string>)[m.Name, Cell(m.Name, r => r.Nll), Cell(m.Name, r => r.NegElbo), Cell(m.Name, r => r.Reconstruction),
                Cell(m.Name, r => r.FidPrior, 2), Cell(m.Name, r => r.FidGmm, 2), Cell(m.Name, r => r.ActiveUnits, 1), Cell(m.Name, r => r.MutualInformation, 2), Cell(m.Name, r => r.SecondsPerEpoch, 1)]));
        foreach (var ((model, seed), r) in results.Where(r => r.Value.Error is not null).OrderBy(r => r.Key))
            md.Line($"- {model}, seed {seed}: not measured: {r.Error}");
        md.Line();
        md.Line("Models without a density (the autoencoders, WAE, RAE, VQ-VAE) have no NLL: they are not generative models until a density is fitted to their codes.").Line();
        md.Line("## The published claims at this budget").Line();
        double Mean(string model, Func<Measured, double?> f) => Values(model, f).DefaultIfEmpty(double.NaN).Average();
        void Claim(string claim, bool holds, string detail) => md.Line($"- {claim}: **{(holds ? "holds" : "does not hold")}** ({detail}).");
        double vae = Mean("VAE", r => r.Nll), iw5 = Mean("IWAE k=5", r => r.Nll), iw50 = Mean("IWAE k=50", r => r.Nll);
        Claim("IWAE k=5 and k=50 beat the VAE in NLL (Burda et al. 2015)", iw5 < vae && iw50 < vae, $"NLL {F(vae)} VAE, {F(iw5)} k=5, {F(iw50)} k=50");
        double auVae = Mean("VAE", r => r.ActiveUnits), au5 = Mean("IWAE k=5", r => r.ActiveUnits), au50 = Mean("IWAE k=50", r => r.ActiveUnits);
        Claim("IWAE uses more active units than the VAE", au5 > auVae && au50 > auVae, $"{F(auVae, 1)} VAE, {F(au5, 1)} k=5, {F(au50, 1)} k=50");
        double two = Mean("two stochastic layers", r => r.Nll);
        Claim("two stochastic layers beat one (NLL)", two < vae, $"{F(two)} against {F(vae)}");
        double vamp = Mean("VampPrior K=500", r => r.Nll), twoVamp = Mean("two layers + VampPrior", r => r.Nll);
        Claim("the VampPrior beats the standard prior (NLL; Tomczak & Welling 2018)", vamp < vae && twoVamp < two, $"one layer {F(vamp)} against {F(vae)}; two layers {F(twoVamp)} against {F(two)}");
        double gapVae = Mean("VAE", r => r.TotalGap), gapPlanar = Mean("planar flow ×8", r => r.TotalGap), gapIaf = Mean("IAF ×4", r => r.TotalGap);
        Claim("flows narrow the inference gap log p(x) − ELBO", gapPlanar < gapVae && gapIaf < gapVae, $"{F(gapVae)} VAE, {F(gapPlanar)} planar, {F(gapIaf)} IAF");
        double Gap(string model, Func<Gaps, double> f) =>
            Enumerable.Range(1, seeds).Where(s => gaps.ContainsKey((model, s))).Select(s => f(gaps[(model, s)])).DefaultIfEmpty(double.NaN).Average();
        double apVae = Gap("VAE", g => g.Approximation), apPlanar = Gap("planar flow ×8", g => g.Approximation), apIaf = Gap("IAF ×4", g => g.Approximation);
        Claim($"flows narrow the approximation gap (Cremer et al. 2018; `vae gap --n {GapExamples(n)}`: log p(x) − ELBO at the per-example optimal posterior)",
            apPlanar < apVae && apIaf < apVae,
            $"{F(apVae, 2)} VAE, {F(apPlanar, 2)} planar, {F(apIaf, 2)} IAF; amortization gaps {F(Gap("VAE", g => g.Amortization), 2)}, {F(Gap("planar flow ×8", g => g.Amortization), 2)}, {F(Gap("IAF ×4", g => g.Amortization), 2)}");
        double aePrior = Mean("autoencoder", r => r.FidPrior), aeGmm = Mean("autoencoder", r => r.FidGmm), raePrior = Mean("RAE-L2", r => r.FidPrior), raeGmm = Mean("RAE-L2", r => r.FidGmm);
        Claim("a GMM sampler improves the sample quality of an RAE or AE (Ghosh et al. 2020)", aeGmm < aePrior || raeGmm < raePrior,
            $"autoencoder {F(aePrior, 2)} → {F(aeGmm, 2)}; RAE-L2 {F(raePrior, 2)} → {F(raeGmm, 2)}");
        md.Line();
        md.Line("Each run's commands: `./vae train --out runs/zoo/<model>/seed-<s> <options> --data <data> --val-size 0 --epochs E --seed s`, then "
            + $"`./vae eval RUN --k {k} --n {n} --json`, `./vae fid RUN --sampler prior|gmm --classifier runs/classifier --n {fidN} --json`, `./vae diagnose RUN --json`. The options of each model:").Line();
        foreach (var m in Models) md.Line($"- {m.Name}: `{string.Join(" ", m.Options)}`");
        return md.ToString();
    }
}
