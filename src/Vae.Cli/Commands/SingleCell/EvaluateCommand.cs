using System.Diagnostics;
using Vae.Applications.SingleCell;


namespace Vae.Cli.Commands.SingleCell;

public sealed class EvaluateSettings : ModelCountSettings, IRankSettings
{
    [CommandOption("--ranks <N>")]
    [Description("Evaluate on N ranks of an mpirun on this machine (Open MPI): each encodes a contiguous block of the cells and importance-samples a block of the held-out cells; the numbers are one process's, to the last digit. Across machines run mpirun yourself (README: Past one machine).")]
    public int? Ranks { get; init; }

    [CommandOption("--rank-timeout <SECONDS>")]
    [Description("With several ranks: stop every rank when one has not delivered its block this long after the others (default 30).")]
    public double? RankTimeout { get; init; }

    [CommandOption("--cells <WHICH>")]
    [Description("Cells whose embeddings are scored: all (default: training and held-out) or heldout. The log-likelihood is always on the held-out cells.")]
    [DefaultValue("all")]
    public string Cells { get; init; } = "all";

    [CommandOption("-k <K>")]
    [Description("Importance samples per held-out cell for log p(x) (default 100). Also --k.")]
    [DefaultValue(100)]
    public int K { get; init; } = 100;

    [CommandOption("--components <K>")]
    [Description("Principal components of the PCA baseline (default: the VAE's latent dimension).")]
    public int? Components { get; init; }

    [CommandOption("--rare <LABEL>")]
    [Description("The rare cell type for the held-out log-likelihood (default: the label with the fewest cells).")]
    public string? Rare { get; init; }

    [CommandOption("--seed <S>")]
    [Description("Seed of k-means, of the metrics' cell subsamples and of the importance samples (default 0).")]
    [DefaultValue(0)]
    public int Seed { get; init; }

    [CommandOption("--plots <DIR>")]
    [Description("Also write 2-D plots (first two principal components) of the VAE's latent means and of the PCA baseline, colored by cell type and by batch.")]
    public string? Plots { get; init; }

    [CommandOption("--json")]
    [Description("Print one JSON object: {\"vae\": {ari, nmi, silhouette, batch_mixing, heldout_loglik, heldout_loglik_rare, …}, \"pca\": {ari, nmi, silhouette, batch_mixing}, …}.")]
    public bool Json { get; init; }

    public CellEvaluationOptions ToOptions() => new()
    {
        HeldOutOnly = Cells.Trim().ToLowerInvariant() switch
        {
            "all" => false,
            "heldout" or "held-out" or "test" => true,
            _ => throw new VaeException($"--cells {Cells}: use all or heldout."),
        },
        K = K >= 1 ? K : throw new VaeException($"--k {K}: the number of importance samples must be ≥ 1."),
        Components = Components is null or >= 1 ? Components : throw new VaeException($"--components {Components}: must be ≥ 1."),
        RareType = Rare,
        Metrics = new MetricOptions { Seed = Seed },
    };
}

[Description("Score a model trained on counts against the PCA baseline: ARI, NMI, silhouette and batch mixing of the latent means, and the held-out log-likelihood per cell (overall and for the rare type).")]
public sealed class EvaluateCommand(CliConsole console) : Command<EvaluateSettings>
{
    public override int Execute(CommandContext context, EvaluateSettings s, CancellationToken cancel)
    {
        var options = s.ToOptions();
        RankLaunch.Check(s);
        if (RankLaunch.Launches(s)) return RankLaunch.Evaluate(s, context.Arguments, console, "encodes a block of the cells and importance-samples a block of the held-out cells");
        var ranks = RankLaunch.Join(s);
        var device = s.Setup();
        var clock = Stopwatch.StartNew();
        using var loaded = ModelFolder.Load(s.ModelDir, device);
        var cells = s.LoadCells(loaded.Config);
        if (cells.Labels is null) throw new VaeException("--label-key: the evaluation needs known cell labels (a metadata column such as cell_type; give --metadata if the model has none).");
        RankLaunch.Agree(ranks, s.ModelDir, cells.Data.Test, ("--k", s.K), ("--cells", s.Cells), ("--seed", s.Seed), ("--components", s.Components),
            ("--rare", s.Rare), ("--label-key", cells.LabelKey), ("--batch-key", cells.BatchKey), ("cells", cells.Data.Count), ("genes", cells.Data.Genes.Length));
        int components = options.Components ?? loaded.Model.Latent;
        var baseline = PcaBaseline.Embed(cells.Data.Cells.Counts.Counts, cells.Data.Genes, components, options.Metrics.Seed);
        var r = CellEvaluation.Evaluate(loaded.Model, cells.Data, cells.Labels, cells.LabelNames!, cells.Batches, device, options with { Components = components }, baseline, ranks);
        if (!ranks.IsRoot) return ExitCodes.Ok;   // rank 0 alone prints and draws
        var plots = s.Plots is null ? [] : WritePlots(s.Plots, loaded, cells, baseline, components, device, options.HeldOutOnly);
        double seconds = clock.Elapsed.TotalSeconds;
        if (s.Json)
        {
            console.WriteJson(ScEvaluateResult.From(r, cells.LabelKey, cells.BatchKey, s.ModelDir, Math.Round(seconds, 1)));
            return ExitCodes.Ok;
        }
        console.WriteLine($"{s.ModelDir}: {r.EmbeddedCells:N0} cells ({r.Embedded}), {r.Genes:N0} genes; VAE latent means (d = {r.Latent}) against PCA of log-normalised counts ({r.Components} components); {seconds:F1} s");
        console.WriteLine($"  {"",-16} {"VAE",8} {"PCA",8}");
        Row("ARI", r.Vae.Ari, r.Pca.Ari, $"k-means with k = number of {cells.LabelKey} labels");
        Row("NMI", r.Vae.Nmi, r.Pca.Nmi, "");
        Row("silhouette", r.Vae.Silhouette, r.Pca.Silhouette, $"by {cells.LabelKey}");
        Row("batch mixing", r.Vae.BatchMixing, r.Pca.BatchMixing, cells.BatchKey is null ? "no batches" : $"entropy of {cells.BatchKey} among 50 neighbours; 1 = fully mixed");
        console.WriteLine($"Held-out cells ({r.HeldoutCells:N0}; rare type {r.RareType}: {r.RareHeldoutCells:N0}), nats per cell:");
        console.WriteLine($"  log p(x) (K = {r.K})   all {r.Vae.HeldoutLoglik:F2} ± {r.Vae.HeldoutLoglikSe:F2}   rare {r.Vae.HeldoutLoglikRare:F2} ± {r.Vae.HeldoutLoglikRareSe:F2}");
        console.WriteLine($"  ELBO                 all {r.Vae.HeldoutElbo:F2}   rare {r.Vae.HeldoutElboRare:F2}");
        console.WriteLine($"  E_q log p(x|z)       all {r.Vae.HeldoutRecon:F2}   rare {r.Vae.HeldoutReconRare:F2}");
        if (r.Vae.HeldoutKlLibrary is double kl) console.WriteLine($"  KL(q(l|x) ‖ p(l))    all {kl:F3}   (latent library size; included in the ELBO)");
        foreach (var p in plots) console.WriteLine($"Wrote {p}");
        return ExitCodes.Ok;
    }

    void Row(string name, double vae, double pca, string note) => console.WriteLine($"  {name,-16} {vae,8:F3} {pca,8:F3}   {note}");

    static IReadOnlyList<string> WritePlots(string dir, LoadedModel loaded, ModelCells cells, float[] baseline, int components, TorchSharp.torch.Device device, bool heldOutOnly)
    {
        var latent = CellEvaluation.LatentMeans(loaded.Model, cells.Data, device);
        var rows = heldOutOnly ? cells.Data.TestCells : Enumerable.Range(0, cells.Data.Count).ToArray();
        int d = loaded.Model.Latent;
        var labels = rows.Select(c => cells.Labels![c]).ToArray();
        var batches = cells.Batches is null ? null : rows.Select(c => cells.Batches[c]).ToArray();
        string name = Path.GetFileName(Path.GetFullPath(loaded.Directory).TrimEnd('/'));
        return
        [
            .. LatentPlots.Write(dir, "vae", $"VAE latent means ({name})", Select(latent, d, rows), d, labels, cells.LabelNames, batches, cells.BatchNames),
            .. LatentPlots.Write(dir, "pca", "PCA of log-normalised counts", Select(baseline, components, rows), components, labels, cells.LabelNames, batches, cells.BatchNames),
        ];
    }

    static float[] Select(float[] all, int width, int[] rows) => rows.SelectMany(r => all.AsSpan(r * width, width).ToArray()).ToArray();
}
