using System.Diagnostics;
using Vae.Evaluation;
using Vae.Reporting;
using Vae.Runs;
using static TorchSharp.torch;
using static Vae.Workflows.Reports.ReportText;

namespace Vae.Workflows.Reports;

/// <summary>What a model's report shows beyond what it computes itself.</summary>
public sealed record ModelReportOptions
{
    public ReportBudget Budget { get; init; } = ReportBudget.Default;

    /// <summary>The page's title (default: "Model report: " and the folder's name).</summary>
    public string? Title { get; init; }

    /// <summary>Writes what comes before the sections (the demo's summary).</summary>
    public Action<HtmlReport>? Preface { get; init; }

    /// <summary>A test evaluation already computed (the demo's), shown instead of computing one; with the note that says how it was computed.</summary>
    public (EvaluationReport Report, string Note)? Evaluation { get; init; }
}

/// <summary>
/// The report of one model folder, one self-contained HTML page: the model and its configuration, the training
/// curves, the test evaluation (−ELBO, reconstruction, KL, NLL with its K), the diagnosis (KL per dimension,
/// active units by both criteria, I(x;z), the verdict and its reasons), for image models samples,
/// reconstructions, interpolations and latent traversals, the latent space coloured by label, and the sections
/// domain packs add (<see cref="ModelReportSections"/>). Every number comes from the library's own evaluations;
/// each section that computes says what and with what budget.
/// </summary>
public static partial class ModelReport
{
    public static HtmlReport Build(string dir, Device device, ModelReportOptions? options = null, Action<string>? step = null)
    {
        options ??= new ModelReportOptions();
        var clock = Stopwatch.StartNew();
        using var loaded = ModelFolder.Load(dir, device);
        string name = FolderName(dir);
        var page = new HtmlReport(options.Title ?? $"Model report: {name}");
        options.Preface?.Invoke(page);
        var context = new ModelReportContext(page, loaded, () => EvaluationData.LoadTest(loaded.Config), device, options.Budget, step ?? (_ => { }));
        var model = loaded.Model;
        bool images = loaded.Config.Model.Input is { IsImage: true, Channels: 1 or 3 } && model.Options.Conditions == 0;

        Section(context, "Model", Overview);
        Section(context, "Configuration", Configuration);
        Section(context, "Training curves", Curves);
        Section(context, "Test evaluation", c => Evaluation(c, options.Evaluation));
        Section(context, "Diagnosis: is the posterior collapsed?", Diagnosis);
        if (images)
        {
            Section(context, "Samples, reconstructions and interpolations", Pictures);
            if (model.IsVariational) Section(context, "Latent traversals", Traversals);
        }
        if (model.Latent >= 2) Section(context, "Latent space", LatentSpace);
        foreach (var section in ModelReportSections.For(loaded.Config)) Section(context, section.Title, section.Write);
        page.Note($"Written by vae report in {Seconds(clock.Elapsed)} with the {options.Budget.Name} budget, from {Path.GetFullPath(dir)}.");
        return page;
    }

    /// <summary>Writes a section: its heading, then what <paramref name="write"/> puts there; a bad-input error becomes a note saying why the section is empty.</summary>
    public static void Section(ModelReportContext context, string title, Action<ModelReportContext> write)
    {
        context.Page.Heading(title);
        context.Step(title);
        try { write(context); }
        catch (VaeException e) { context.Page.Warning($"Not shown: {e.Message}"); }
    }

    public static string FolderName(string dir) => Path.GetFileName(Path.GetFullPath(dir).TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar));

    static void Overview(ModelReportContext c)
    {
        var (config, model, state) = (c.Loaded.Config, c.Loaded.Model, c.Loaded.State);
        long parameters = model.parameters().Sum(p => p.numel());
        var rows = new List<IReadOnlyList<string>>
        {
            new[] { "model", RunPlots.Describe(config) },
            new[] { "latent dimensions", model.Latent.ToString() },
            new[] { "posterior", model.IsVariational ? config.Model.Posterior.ToString() : "point mass (a deterministic encoder)" },
            new[] { "likelihood", config.Model.Likelihood.ToString() },
            new[] { "objective", $"{config.Objective.Kind}, β = {G(config.Objective.Beta)}{(config.Objective.Family is { } f ? ", " + f.GetType().Name.Replace("Options", "") : "")}" },
            new[] { "parameters", N(parameters) },
            new[] { "data", config.Data.Source },
        };
        if (state is not null)
        {
            rows.Add(["epochs trained", $"{state.Epoch}{(state.Finished ? " (finished)" : state.StoppedEarly ? " (stopped early)" : " (not finished)")}, {N(state.Step)} steps"]);
            if (state.BestValElbo is double best) rows.Add(["best validation −ELBO", $"{F(-best)} at epoch {state.BestEpoch} (the weights in model.dat)"]);
        }
        c.Page.Facts(rows);
    }

    static void Configuration(ModelReportContext c)
    {
        string text = IO.Utf8Text.ReadAllText(Path.Combine(c.Loaded.Directory, ModelFolder.ConfigFile));
        c.Page.Folded($"{ModelFolder.ConfigFile} as stored in the model folder ({text.Split('\n').Length} lines)", page => page.Preformatted(text));
    }

    static void Curves(ModelReportContext c)
    {
        var metrics = ModelFolder.ReadMetrics(c.Loaded.Directory);
        if (metrics.Count == 0) { c.Page.Note($"No epochs recorded in {ModelFolder.MetricsFile} yet."); return; }
        c.Page.Note($"From {ModelFolder.MetricsFile}: means over each epoch's training batches, and over the validation split after each epoch (nats per example).");
        double[] epochs = metrics.Select(m => (double)m.Epoch).ToArray();
        var val = metrics.Where(m => m.ValElbo is not null).ToList();
        double[] valEpochs = val.Select(m => (double)m.Epoch).ToArray();
        byte[] Panel(string title, Func<EpochMetrics, double> train, Func<EpochMetrics, double?> validation)
        {
            var curves = new List<(string, double[], double[])> { ("train", epochs, metrics.Select(train).ToArray()) };
            if (val.Count > 0) curves.Add(("validation", valEpochs, val.Select(m => validation(m) ?? double.NaN).ToArray()));
            return Plots.CurvesPng(curves, title, "epoch", "nats per example", 520, 360);
        }
        c.Page.PngRow(
        [
            (Panel("−ELBO", m => -m.TrainElbo, m => -m.ValElbo), "−ELBO per epoch"),
            (Panel("reconstruction −E log p(x|z)", m => m.TrainReconstruction, m => m.ValReconstruction), "Reconstruction term per epoch"),
            (Panel("KL(q(z|x) ‖ p(z))", m => m.TrainKl, m => m.ValKl), "KL term per epoch"),
        ]);
        const int shown = 40;
        var rows = metrics.Skip(Math.Max(0, metrics.Count - shown)).Select(m => (IReadOnlyList<string>)
            [m.Epoch.ToString(), F(-m.TrainElbo), F(m.TrainReconstruction), F(m.TrainKl), F(-m.ValElbo), F(m.ValReconstruction), F(m.ValKl), G(m.KlWeight), F(m.Seconds, 1)]);
        c.Page.Folded(metrics.Count > shown ? $"The last {shown} of {metrics.Count} epochs" : $"Every epoch ({metrics.Count})", page =>
            page.Table(["epoch", "train −ELBO", "train recon.", "train KL", "val. −ELBO", "val. recon.", "val. KL", "KL weight", "seconds"], rows.ToList()));
    }

    static void Evaluation(ModelReportContext c, (EvaluationReport Report, string Note)? given)
    {
        var model = c.Loaded.Model;
        EvaluationReport r;
        string note;
        if (given is var (report, text)) (r, note) = (report, text);
        else
        {
            var clock = Stopwatch.StartNew();
            var test = c.Test.Take(c.Budget.EvalExamples);
            r = ModelEvaluator.Evaluate(model, test, c.Device, c.Budget.K);
            note = $"Computed on the first {N(r.N)} examples of the test split ({test.Name}) as `vae eval --k {c.Budget.K} --n {r.N}` computes them: "
                + (model.IsVariational ? $"ELBO terms at one sample per example, NLL = −log p(x) by importance sampling with K = {c.Budget.K} (seed 0)" : "reconstruction at the code (an autoencoder has no density)")
                + $"; {Seconds(clock.Elapsed)}.";
        }
        c.Page.Note(note);
        var rows = new List<IReadOnlyList<string>>
        {
            new[] { "−ELBO", F(-r.Elbo) },
            new[] { "reconstruction −E[log p(x|z)]", F(r.Reconstruction) },
            new[] { "KL(q(z|x) ‖ p(z))", F(r.Kl) },
        };
        if (r.KlLibrary is double kl) rows.Add(["KL(q(l|x) ‖ p(l)), latent library size", F(kl)]);
        rows.Add(r.Nll is double nll
            ? ["NLL −log p(x)", $"{F(nll)} ± {F(r.NllStandardError)} (K = {r.K}, n = {N(r.N)})"]
            : ["NLL −log p(x)", "none: an autoencoder has no density"]);
        if (r.Nll is double n2) rows.Add(["gap −ELBO − NLL", F(-r.Elbo - n2)]);
        c.Page.Table(["measure (nats per example)", "value"], rows);
    }

    static void Diagnosis(ModelReportContext c)
    {
        var model = c.Loaded.Model;
        var clock = Stopwatch.StartNew();
        var data = c.Test.Take(c.Budget.DiagnoseExamples);
        if (CodebookUsage.Applies(model))
        {
            var usage = CodebookUsage.Measure(model, data, c.Device);
            c.Page.Note($"A vector-quantized code: the codebook's usage on the first {N(data.Count)} test examples ({Seconds(clock.Elapsed)}); `vae diagnose` lists it per grid position.");
            c.Page.Table(["measure", "value"],
            [
                ["codes used", $"{usage.UsedCodes} of {usage.Codes}"],
                ["perplexity of code usage", F(usage.Perplexity, 1)],
                ["entropy of the whole grid (nats)", F(usage.GridEntropy)],
                ["distinct grids", $"{N(usage.DistinctGrids)} of {N(usage.Examples)} examples"],
            ]);
            return;
        }
        if (!model.IsVariational)
        {
            var codes = CodeDiagnostics.Measure(model, data, c.Device);
            c.Page.Note($"A deterministic encoder, measured as `vae diagnose --n {data.Count}` measures it: the codes' variance per dimension over the first {N(codes.Examples)} test examples, their MMD² to N(0, I) on {N(codes.MmdExamples)} ({Seconds(clock.Elapsed)}).");
            c.Page.Png(Plots.BarsPng(codes.VariancePerDim, "Variance of each code dimension over x", "latent dimension (0-based)", "Var_x z_j", codes.VarianceThreshold), "Code variance per dimension (dashed: the activity threshold)");
            c.Page.Table(["measure", "value"],
            [
                ["active units (Var_x z_j > " + G(codes.VarianceThreshold) + ")", $"{codes.ActiveByVariance.Length} of {codes.VariancePerDim.Length}"],
                ["MMD² to N(0, I)", F(codes.PriorMmd, 4)],
                ["verdict", Verdict(codes.Verdict)],
            ]);
            c.Page.Bullets(codes.Reasons());
            return;
        }
        var r = LatentDiagnostics.Measure(model, data, c.Device);
        c.Page.Note($"Measured as `vae diagnose --n {data.Count}` measures it, on the first {N(r.Examples)} test examples: mean KL per dimension, active units by KL > {G(r.KlThreshold)} nats and by Var_x E[z_j|x] > {G(r.VarianceThreshold)}, "
            + $"I(x;z) by the He et al. (2019) estimator with the aggregate posterior over {N(r.AggregateExamples)} examples ({Seconds(clock.Elapsed)}).");
        c.Page.Png(Plots.BarsPng(r.KlPerDim, $"Mean KL per latent dimension ({N(r.Examples)} test examples)", "latent dimension (0-based)", "mean KL (nats)", r.KlThreshold), "KL per dimension (dashed: the activity threshold)");
        c.Page.Table(["measure", "value"],
        [
            ["total KL (nats)", F(r.KlTotal)],
            [$"active units by KL > {G(r.KlThreshold)}", $"{r.ActiveByKl.Length} of {r.KlPerDim.Length}"],
            [$"active units by Var_x E[z|x] > {G(r.VarianceThreshold)}", $"{r.ActiveByVariance.Length} of {r.KlPerDim.Length}"],
            ["I(x;z) (nats)", F(r.MutualInformation, 3)],
            ["verdict", Verdict(r.Verdict)],
        ]);
        c.Page.Bullets(r.Reasons());
    }
}
