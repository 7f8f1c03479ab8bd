

namespace Vae.Cli.Commands;

public sealed class DiagnoseSettings : SplitSettings, IRankSettings
{
    [CommandOption("--ranks <N>")]
    [Description("Diagnose on N ranks of an mpirun on this machine (Open MPI): each encodes a contiguous block of the examples and computes a block of I(x;z)'s sum; the numbers are one process's, to the last digit (not for a VQ-VAE's codebook). Across machines run mpirun yourself (README: Past one machine).")]
    public int? Ranks { get; init; }

    [CommandOption("--rank-timeout <SECONDS>")]
    [Description("With several ranks: stop every rank when one has not delivered its block this long after the others (default 30).")]
    public double? RankTimeout { get; init; }

    [CommandOption("-n <N>")]
    [Description("Use the first N examples (default 10000). Also --n.")]
    [DefaultValue(10000)]
    public int N { get; init; } = 10000;

    [CommandOption("--threshold <NATS>")]
    [Description("A dimension is active when its mean KL exceeds this (default 0.05 nats).")]
    [DefaultValue(0.05)]
    public double Threshold { get; init; } = 0.05;

    [CommandOption("--plot <FILE>")]
    [Description("PNG bar chart of the mean KL per dimension (default: kl_per_dim.png in the model folder; for a deterministic encoder the code variance per dimension, code_variance.png).")]
    public string? Plot { get; init; }

    [CommandOption("--json")]
    [Description("Print one JSON object: kl_per_dim, kl_total, active_units_kl, active_units_cov, mutual_information, verdict.")]
    public bool Json { get; init; }
}

[Description("Is the posterior collapsed? Per-dimension KL, active units (two criteria), mutual information I(x;z) and a verdict with reasons; for a deterministic encoder (ae, WAE, RAE) the codes' variance per dimension, active units by variance and their MMD² to the prior; for a VQ-VAE, the codebook's usage per grid position (entropy, perplexity, dead codes).")]
public sealed class DiagnoseCommand(CliConsole console) : Command<DiagnoseSettings>
{
    /// <summary>The refusal of --ranks for a VQ-VAE: its codebook usage (counts, distinct code grids) is measured in one process.</summary>
    public const string CodebookRefusal = "--ranks: a VQ-VAE's codebook diagnosis (code counts per position, distinct code grids) runs in one process; leave out --ranks and mpirun.";

    public override int Execute(CommandContext context, DiagnoseSettings s, CancellationToken cancel)
    {
        if (s.N < 2) throw new VaeException($"--n {s.N}: must be ≥ 2.");
        if (!(s.Threshold >= 0)) throw new VaeException($"--threshold {s.Threshold}: must be ≥ 0.");
        RankLaunch.Check(s);
        if (RankLaunch.Launches(s))
        {
            if (ModelFolder.ReadConfig(s.ModelDir).Model.PosteriorExtension is Vae.Models.VectorQuantizerOptions) throw new VaeException(CodebookRefusal);
            return RankLaunch.Evaluate(s, context.Arguments, console, "encodes a block of the examples");
        }
        var ranks = RankLaunch.Join(s);
        var device = s.Setup();
        using var loaded = ModelFolder.Load(s.ModelDir, device);
        Dataset data = s.LoadSplit(loaded.Config, s.N);
        if (CodebookUsage.Applies(loaded.Model))
        {
            if (ranks.IsDistributed) throw new VaeException(CodebookRefusal);
            return CodebookDiagnosis.Write(console, s, loaded.Model, data, device);
        }
        RankLaunch.Agree(ranks, s.ModelDir, data, ("--split", s.Split), ("--n", s.N), ("--threshold", s.Threshold));
        if (!loaded.Model.IsVariational)
        {
            var codes = CodeDiagnostics.Measure(loaded.Model, data, device, ranks: ranks);
            return ranks.IsRoot ? Codes(s, codes, data.Name) : ExitCodes.Ok;   // rank 0 alone prints and draws
        }
        var r = LatentDiagnostics.Measure(loaded.Model, data, device, klThreshold: s.Threshold, ranks: ranks);
        if (!ranks.IsRoot) return ExitCodes.Ok;
        string plot = s.Plot ?? Path.Combine(s.ModelDir, "kl_per_dim.png");
        Plots.Bars(plot, r.KlPerDim, $"Mean KL per latent dimension ({data.Name}, {r.Examples:N0} examples)", "latent dimension (0-based)", "mean KL (nats)", s.Threshold);
        if (s.Json)
        {
            console.WriteJson(DiagnoseResult.From(r));
            return ExitCodes.Ok;
        }
        console.WriteLine($"{s.ModelDir}: {data.Name}, {r.Examples:N0} examples");
        console.WriteLine("  dim   mean KL   Var_x E[z|x]   active(KL)  active(cov)");
        for (int j = 0; j < r.KlPerDim.Length; j++)
            console.WriteLine($"  {j,3}  {r.KlPerDim[j],8:F3}  {r.MeanVariancePerDim[j],13:F4}   {(r.KlPerDim[j] > s.Threshold ? "yes" : "-"),9}  {(r.MeanVariancePerDim[j] > r.VarianceThreshold ? "yes" : "-"),10}");
        var model = loaded.Model;
        if (!model.HasStandardPrior)
            console.WriteLine("  (the prior is not N(0, I): mean KL is the Monte Carlo term log q(z_j|.) - log p(z_j|z_<j, .) at one sample per example; these sum to the ELBO's KL)");
        if (model.Latent > model.Options.Latent)
            console.WriteLine($"  (dimensions {model.Options.Latent}-{model.Latent - 1} are the top layer z2; its E[z|x] is the mean of q(z2 | z1 = mu1(x)); I(x;z) = I(x;z1))");
        console.WriteLine($"  total KL {r.KlTotal:F2} nats; active units: {r.ActiveByKl.Length} by KL > {s.Threshold}, {r.ActiveByVariance.Length} by Var > {r.VarianceThreshold}; I(x;z) ≈ {r.MutualInformation:F3} nats");
        console.WriteLine($"Verdict: {Names.Of(r.Verdict)}");
        foreach (var reason in r.Reasons()) console.WriteLine("  " + reason);
        console.WriteLine($"Bar chart: {plot}");
        return ExitCodes.Ok;
    }

    // A deterministic encoder: per-dimension code variance and the codes' MMD² to the prior instead of KL and I(x; z).
    int Codes(DiagnoseSettings s, CodeReport r, string split)
    {
        string plot = s.Plot ?? Path.Combine(s.ModelDir, "code_variance.png");
        Plots.Bars(plot, r.VariancePerDim, $"Variance of each code dimension over x ({split}, {r.Examples:N0} examples)", "latent dimension (0-based)", "Var_x z_j", r.VarianceThreshold);
        if (s.Json)
        {
            console.WriteJson(DiagnoseResult.From(r));
            return ExitCodes.Ok;
        }
        console.WriteLine($"{s.ModelDir}: {split}, {r.Examples:N0} examples (a deterministic encoder)");
        console.WriteLine("  dim   mean of z   Var_x z_j   active(cov)");
        for (int j = 0; j < r.VariancePerDim.Length; j++)
            console.WriteLine($"  {j,3}  {r.MeanPerDim[j],10:F3}  {r.VariancePerDim[j],10:F4}   {(r.VariancePerDim[j] > r.VarianceThreshold ? "yes" : "-"),11}");
        console.WriteLine($"  active units: {r.ActiveByVariance.Length} by Var > {r.VarianceThreshold}; per-dimension KL and I(x;z): none for a point mass; MMD² to N(0, I) {r.PriorMmd:F4}");
        console.WriteLine($"Verdict: {Names.Of(r.Verdict)}");
        foreach (var reason in r.Reasons()) console.WriteLine("  " + reason);
        console.WriteLine($"Bar chart: {plot}");
        return ExitCodes.Ok;
    }
}
