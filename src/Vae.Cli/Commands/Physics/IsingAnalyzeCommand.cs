using Vae.Applications.Physics;

namespace Vae.Cli.Commands.Physics;

public sealed class IsingAnalyzeSettings : ModelSettings
{
    [CommandOption("--data <DIR>")]
    [Description("The data folder written by `vae ising simulate` (default: the one the model was trained on).")]
    public string? Data { get; init; }

    [CommandOption("--plots <DIR>")]
    [Description("Also write plots there: latent coordinate and first principal component against T, colored by m; curves against T.")]
    public string? Plots { get; init; }

    [CommandOption("--bootstrap <N>")]
    [Description("Bootstrap replicates for the errors of the T_c estimates (default 200).")]
    public int Bootstrap { get; init; } = 200;

    [CommandOption("--json")]
    [Description("Print the result as one JSON object (correlations, per-temperature statistics, T_c estimates).")]
    public bool Json { get; init; }
}

[Description("Measure what a VAE trained on Ising configurations learned: latent vs magnetization, T_c estimates, PCA beside it.")]
public sealed class IsingAnalyzeCommand(CliConsole console) : Command<IsingAnalyzeSettings>
{
    public override int Execute(CommandContext context, IsingAnalyzeSettings s, CancellationToken cancel)
    {
        var device = s.Setup();
        using var loaded = ModelFolder.Load(s.ModelDir, device);
        string folder = s.Data ?? DataSources.FolderOf(loaded.Config.Data.Source);
        var (test, examples) = IsingDataset.Load(folder, "test");
        var (train, _) = IsingDataset.Load(folder, "train");
        if (test.Shape != loaded.Config.Model.Input)
            throw new VaeException($"{folder}: configurations are {test.Shape} but the model in {s.ModelDir} expects {loaded.Config.Model.Input}.");
        var result = PhaseTransitionAnalysis.Analyse(loaded.Model, test, examples, train, device, new PhaseTransitionAnalysisOptions { Bootstrap = s.Bootstrap });
        if (s.Plots is not null) IsingPlots.SaveAll(s.Plots, result);
        if (s.Json)
        {
            console.WriteJson(result);
            return ExitCodes.Ok;
        }
        var inv = CultureInfo.InvariantCulture;
        console.WriteLine(string.Create(inv, $"L = {result.Size}, {result.TestCount:N0} test configurations, latent dimension {result.Latent} (direction u carries {result.DirectionShare:P1} of the odd part of the posterior means)."));
        console.WriteLine(string.Create(inv, $"z = u·(μ(x) − μ(x̄))/2: corr(z, m) = {result.CorrelationZM:F4}   corr(|z|, |m|) = {result.CorrelationAbsZAbsM:F4}"));
        console.WriteLine(string.Create(inv, $"raw u·(μ(x) − c):      corr = {result.CorrelationRawZM:F4}   corr(|.|, |m|) = {result.CorrelationAbsRawZAbsM:F4}   spin-flip asymmetry {result.FlipAsymmetry:F3}"));
        console.WriteLine(string.Create(inv, $"PCA: corr(p1, m) = {result.CorrelationPcaM:F4}   corr(|p1|, |m|) = {result.CorrelationAbsPcaAbsM:F4}   PC1 explains {result.PcaVarianceShare:P1} of the variance"));
        console.WriteLine(string.Create(inv, $"T_c estimates (exact {OnsagerSolution.CriticalTemperature:F4}):"));
        foreach (var e in result.Estimates)
            console.WriteLine(string.Create(inv, $"  {e.Source,-13} {e.Observable,-22} {e.Method,-16} {e.Value:F4} ± {e.Error:F4}   ({IsingReport.Signed(e.Distance, 4)})"));
        if (s.Plots is not null) console.WriteLine($"Plots written to {s.Plots}");
        return ExitCodes.Ok;
    }
}
