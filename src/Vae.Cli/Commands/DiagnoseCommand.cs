

namespace Vae.Cli.Commands;

public sealed class DiagnoseSettings : SplitSettings
{
    [CommandOption("-n <N>")]
    [Description("Use the first N examples (default 10000). Also --n.")]
    [DefaultValue(10000)]
    public int N { get; init; } = 10000;

    [CommandOption("--threshold <NATS>")]
    [Description("A dimension is active when its mean KL exceeds this (default 0.05 nats).")]
    [DefaultValue(0.05)]
    public double Threshold { get; init; } = 0.05;

    [CommandOption("--plot <FILE>")]
    [Description("PNG bar chart of the mean KL per dimension (default: kl_per_dim.png in the model folder).")]
    public string? Plot { get; init; }

    [CommandOption("--json")]
    [Description("Print one JSON object: kl_per_dim, kl_total, active_units_kl, active_units_cov, mutual_information, verdict.")]
    public bool Json { get; init; }
}

[Description("Is the posterior collapsed? Per-dimension KL, active units (two criteria), mutual information I(x;z) and a verdict with reasons; for a VQ-VAE, the codebook's usage per grid position (entropy, perplexity, dead codes).")]
public sealed class DiagnoseCommand(CliConsole console) : Command<DiagnoseSettings>
{
    public override int Execute(CommandContext context, DiagnoseSettings s, CancellationToken cancel)
    {
        if (s.N < 2) throw new VaeException($"--n {s.N}: must be ≥ 2.");
        if (!(s.Threshold >= 0)) throw new VaeException($"--threshold {s.Threshold}: must be ≥ 0.");
        var device = s.Setup();
        using var loaded = ModelFolder.Load(s.ModelDir, device);
        Dataset data = s.LoadSplit(loaded.Config, s.N);
        if (CodebookUsage.Applies(loaded.Model)) return CodebookDiagnosis.Write(console, s, loaded.Model, data, device);
        var r = LatentDiagnostics.Measure(loaded.Model, data, device, klThreshold: s.Threshold);
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
        console.WriteLine($"  total KL {r.KlTotal:F2} nats; active units: {r.ActiveByKl.Length} by KL > {s.Threshold}, {r.ActiveByVariance.Length} by Var > {r.VarianceThreshold}; I(x;z) ≈ {r.MutualInformation:F3} nats");
        console.WriteLine($"Verdict: {Names.Of(r.Verdict)}");
        foreach (var reason in r.Reasons()) console.WriteLine("  " + reason);
        console.WriteLine($"Bar chart: {plot}");
        return ExitCodes.Ok;
    }
}
