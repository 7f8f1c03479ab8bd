using System.Runtime.InteropServices;
using Vae.Applications.Physics;

namespace Vae.Cli.Commands.Physics;

public sealed class IsingExperimentSettings : CommonSettings
{
    [CommandOption("--sizes <LIST>")]
    [Description("Lattice sizes L, comma-separated (default 16,32,64).")]
    public string Sizes { get; init; } = "16,32,64";

    [CommandOption("--temperatures <LIST>")]
    [Description("Temperature grid: a list or first:last:step (default 1.0:3.5:0.05, 51 temperatures).")]
    public string Temperatures { get; init; } = "1.0:3.5:0.05";

    [CommandOption("--samples <N>")]
    [Description("Configurations per temperature and size; a fifth are the test split (default 300).")]
    public int Samples { get; init; } = 300;

    [CommandOption("--algorithm <NAME>")]
    [Description("wolff (default) or metropolis.")]
    public string Algorithm { get; init; } = "wolff";

    [CommandOption("--epochs <N>")]
    [Description("Training epochs per size (default 20).")]
    public int Epochs { get; init; } = 20;

    [CommandOption("--latent <D>")]
    [Description("Latent dimension (default 2).")]
    public int Latent { get; init; } = 2;

    [CommandOption("--hidden <SIZES>")]
    [Description("Hidden layer widths of the MLP encoder (decoder mirrored), comma-separated (default 256).")]
    public string Hidden { get; init; } = "256";

    [CommandOption("--batch-size <B>")]
    [Description("Mini-batch size (default 128).")]
    public int BatchSize { get; init; } = 128;

    [CommandOption("--validation-samples <N>")]
    [Description("Configurations per temperature for the validation against exact results (default 2000).")]
    public int ValidationSamples { get; init; } = 2000;

    [CommandOption("--bootstrap <N>")]
    [Description("Bootstrap replicates for the errors of the T_c estimates (default 200).")]
    public int Bootstrap { get; init; } = 200;

    [CommandOption("--seed <S>")]
    [Description("Seed of the simulation and of training (default 1).")]
    public int Seed { get; init; } = 1;

    [CommandOption("--out <DIR>")]
    [Description("Folder for the data sets, models and analysis files (default runs/ising).")]
    public string Out { get; init; } = "runs/ising";

    [CommandOption("--report <FILE>")]
    [Description("The Markdown report to write; its figures go to a folder of the same name beside it (default docs/results/ising.md).")]
    public string Report { get; init; } = "docs/results/ising.md";

    public IsingExperimentOptions ToOptions() => new()
    {
        Sizes = Names.ParseInts(Sizes, "--sizes"),
        Temperatures = IsingSimulationOptions.ParseTemperatures(Temperatures),
        Samples = Samples,
        Algorithm = Names.Parse<IsingAlgorithm>(Algorithm, "--algorithm"),
        Epochs = Epochs,
        Latent = Latent,
        Hidden = Names.ParseInts(Hidden, "--hidden"),
        BatchSize = BatchSize,
        ValidationSamples = ValidationSamples,
        Seed = Seed,
        Analysis = new PhaseTransitionAnalysisOptions { Bootstrap = Bootstrap },
    };

    /// <summary>The command line these settings stand for (every option that differs from its default).</summary>
    public string CommandLine()
    {
        var d = new IsingExperimentSettings();
        var parts = new List<string> { "./vae ising experiment", $"--sizes {Sizes}" };
        void Add<T>(string name, T value, T def) { if (!EqualityComparer<T>.Default.Equals(value, def)) parts.Add($"{name} {value}"); }
        Add("--temperatures", Temperatures, d.Temperatures); Add("--samples", Samples, d.Samples); Add("--algorithm", Algorithm, d.Algorithm);
        Add("--epochs", Epochs, d.Epochs); Add("--latent", Latent, d.Latent); Add("--hidden", Hidden, d.Hidden); Add("--batch-size", BatchSize, d.BatchSize);
        Add("--validation-samples", ValidationSamples, d.ValidationSamples); Add("--bootstrap", Bootstrap, d.Bootstrap); Add("--seed", Seed, d.Seed);
        parts.Add($"--out {Out}");
        parts.Add($"--report {Report}");
        return string.Join(" ", parts);
    }
}

[Description("The whole experiment: validate the simulation, then simulate, train a VAE and analyze for each size, and write a Markdown report with plots.")]
public sealed class IsingExperimentCommand(CliConsole console) : Command<IsingExperimentSettings>
{
    public override int Execute(CommandContext context, IsingExperimentSettings s, CancellationToken cancel)
    {
        var options = s.ToOptions();
        var device = s.Setup();
        var open = new List<CountProgress>();
        IProgress<int> Progress(string what, int total)
        {
            foreach (var p in open) p.Done();
            var bar = console.Count(what, total, quiet: false);
            open.Add(bar);
            return bar;
        }
        IsingExperimentResult result;
        try
        {
            result = IsingExperiment.Run(options, s.Out, device, line => { foreach (var p in open) p.Done(); console.Err.WriteLine(line); },
                Progress, console.TrainingProgress(), cancel);
        }
        catch (OperationCanceledException e)
        {
            console.Err.WriteLine(e.Message);
            return ExitCodes.Interrupted;
        }
        foreach (var p in open) p.Done();
        IsingReport.Write(s.Report, result, s.CommandLine(), Machine());
        var inv = CultureInfo.InvariantCulture;
        foreach (var size in result.Sizes)
        {
            var a = size.Analysis;
            var v = a.Estimates.First(e => e.Source == "vae" && e.Observable == "<|z|>");
            console.WriteLine(string.Create(inv, $"L = {size.Size}: corr(z, m) {a.CorrelationZM:F4}, corr(|z|, |m|) {a.CorrelationAbsZAbsM:F4}; T_c from <|z|> {v.Value:F3} ± {v.Error:F3} (exact {OnsagerSolution.CriticalTemperature:F3})"));
        }
        console.WriteLine($"Report: {s.Report}  (data, models and analysis JSON in {s.Out}; {result.TotalSeconds / 60:F1} min)");
        return ExitCodes.Ok;
    }

    static string Machine()
    {
        double gib = double.NaN;
        try
        {
            var line = File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal", StringComparison.Ordinal));
            gib = double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / (1024 * 1024);
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or UnauthorizedAccessException) { }
        return string.Create(CultureInfo.InvariantCulture,
            $"{RunEnvironment.CpuName()}, {Environment.ProcessorCount} cores visible, {gib:F0} GiB RAM, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}, TorchSharp {typeof(TorchSharp.torch).Assembly.GetName().Version}, libtorch threads {TorchSharp.torch.get_num_threads()}");
    }
}
