using Vae.Applications.Physics;


namespace Vae.Cli.Commands.Physics;

public sealed class IsingSimulateSettings : CommonSettings
{
    [CommandOption("--size <L>")]
    [Description("Linear size L of the periodic L x L lattice (default 32).")]
    public int Size { get; init; } = 32;

    [CommandOption("--temperatures <LIST>")]
    [Description("Temperatures (J = k_B = 1): a list 1.5,2.0,2.269,3.0 (default) or a range first:last:step, e.g. 1.0:3.5:0.05.")]
    public string Temperatures { get; init; } = "1.5,2.0,2.269,3.0";

    [CommandOption("--samples <N>")]
    [Description("Configurations saved per temperature, train and test together (default 1000).")]
    public int Samples { get; init; } = 1000;

    [CommandOption("--test-fraction <F>")]
    [Description("Fraction of each temperature's configurations written to the test (t10k) split (default 0.2).")]
    public double TestFraction { get; init; } = 0.2;

    [CommandOption("--algorithm <NAME>")]
    [Description("wolff (cluster updates, default) or metropolis (single-spin sweeps).")]
    public string Algorithm { get; init; } = "wolff";

    [CommandOption("--spacing <X>")]
    [Description("Sweeps between saved configurations, in units of the measured autocorrelation time tau_int (default 2).")]
    public double Spacing { get; init; } = 2.0;

    [CommandOption("--pilot-sweeps <N>")]
    [Description("First length of the pilot run that measures tau_int; it doubles until it is 100 tau_int long (default 1000).")]
    public int PilotSweeps { get; init; } = 1000;

    [CommandOption("--max-pilot-sweeps <N>")]
    [Description("Longest pilot run (default 256000); a temperature that needs more is flagged as not equilibrated.")]
    public int MaxPilotSweeps { get; init; } = 256_000;

    [CommandOption("--no-global-flip")]
    [Description("Do not flip all spins with probability 1/2 before saving (the flip is an exact symmetry and makes both signs of m equally likely).")]
    public bool NoGlobalFlip { get; init; }

    [CommandOption("--seed <S>")]
    [Description("Seed of every random draw; the same seed gives the same configurations (default 1).")]
    public int Seed { get; init; } = 1;

    [CommandOption("--out <DIR>")]
    [Description("Folder to write: MNIST-format IDX files (train/t10k), metadata.csv and simulation.json. Without it, only the measurements are printed.")]
    public string? Out { get; init; }

    [CommandOption("--json")]
    [Description("Print one JSON object: per temperature, energy and |m| per spin with standard errors, tau and the exact values.")]
    public bool Json { get; init; }

    [CommandOption("--quiet")]
    [Description("No progress line.")]
    public bool Quiet { get; init; }

    public IsingSimulationOptions ToOptions() => new()
    {
        Size = Size,
        Temperatures = IsingSimulationOptions.ParseTemperatures(Temperatures),
        Samples = Samples,
        TestFraction = TestFraction,
        Algorithm = Names.Parse<IsingAlgorithm>(Algorithm, "--algorithm"),
        Spacing = Spacing,
        PilotSweeps = PilotSweeps,
        MaxPilotSweeps = MaxPilotSweeps,
        RandomGlobalFlip = !NoGlobalFlip,
        Seed = Seed,
    };
}

[Description("Sample 2-D Ising configurations (Wolff or Metropolis) over a temperature grid and write them as a data set.")]
public sealed class IsingSimulateCommand(CliConsole console) : Command<IsingSimulateSettings>
{
    public override int Execute(CommandContext context, IsingSimulateSettings s, CancellationToken cancel)
    {
        var options = s.ToOptions();
        var progress = console.Count($"simulating L = {options.Size}", options.Samples * options.Temperatures.Count, s.Quiet || s.Json);
        var simulation = IsingSimulator.Run(options, progress, cancel);
        progress.Done();
        if (s.Out is not null) IsingDataset.Write(s.Out, simulation);
        var summaries = simulation.Summaries();
        if (s.Json)
        {
            console.WriteJson(IsingSimulateResult.From(options, s.Out, summaries));
            return ExitCodes.Ok;
        }
        console.WriteLine(Table(options, summaries));
        if (s.Out is not null)
            console.WriteLine($"Wrote {options.TrainCount * options.Temperatures.Count:N0} training and {options.TestCount * options.Temperatures.Count:N0} test configurations to {s.Out} (train with --data mnist:{s.Out} --likelihood bernoulli --binarize none).");
        return ExitCodes.Ok;
    }

    static string Table(IsingSimulationOptions o, IReadOnlyList<TemperatureSummary> rows)
    {
        var inv = CultureInfo.InvariantCulture;
        var lines = new List<string>
        {
            $"L = {o.Size}, {Names.Of(o.Algorithm)}, {o.Samples} configurations per temperature; E/N and |m| with standard errors; exact E/N of this lattice (Kaufman) and |m| of the infinite one (Yang).",
            "      T       E/N          exact E/N       |m|            Yang |m|   tau (sweeps)  spacing",
        };
        foreach (var r in rows)
            lines.Add(string.Create(inv, $"{r.Temperature,7:F4}  {r.Energy,8:F5} ± {r.EnergyErr:F5}  {r.EnergyExact,9:F5}  {r.AbsMagnetization,7:F5} ± {r.AbsMagnetizationErr:F5}  {r.AbsMagnetizationYang,7:F5}  {r.Tau,10:F2}  {r.SweepsBetweenSamples,6}{(r.Equilibrated ? "" : "  (pilot too short: tau uncertain)")}"));
        return string.Join(Environment.NewLine, lines);
    }
}
