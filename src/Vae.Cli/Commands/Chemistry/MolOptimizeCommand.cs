using System.Text;
using Vae.Applications.Chemistry;


namespace Vae.Cli.Commands.Chemistry;

public sealed class MolOptimizeSettings : MolDecodingSettings
{
    [CommandOption("--property <NAME>")]
    [Description("The property to optimize: one the head predicts and the toolkit computes (tpsa, the default, or logp).")]
    [DefaultValue("tpsa")]
    public string Property { get; init; } = "tpsa";

    [CommandOption("--direction <DIR>")]
    [Description("up (default) or down.")]
    [DefaultValue("up")]
    public string Direction { get; init; } = "up";

    [CommandOption("--steps <N>")]
    [Description("Gradient steps in latent space (default 50).")]
    [DefaultValue(50)]
    public int Steps { get; init; } = 50;

    [CommandOption("--step-size <ETA>")]
    [Description("Step size on the standardized property (default 0.2).")]
    [DefaultValue(0.2)]
    public double StepSize { get; init; } = 0.2;

    [CommandOption("--prior-weight <LAMBDA>")]
    [Description("Weight of -|z|^2/2 in the objective, which keeps z where the decoder was trained (default 0.1; 0 = pure ascent).")]
    [DefaultValue(0.1)]
    public double PriorWeight { get; init; } = 0.1;

    [CommandOption("--every <K>")]
    [Description("Decode the paths every K steps (default: steps/10).")]
    public int? Every { get; init; }

    [CommandOption("--start <N>")]
    [Description("Number of start molecules: the first N held-out test molecules, or of --data (default 50).")]
    [DefaultValue(50)]
    public int Start { get; init; } = 50;

    [CommandOption("--data <SOURCE>")]
    [Description("Start molecules as smiles:<file>[[:column]] (default: the model's held-out test molecules).")]
    public string? Data { get; init; }

    [CommandOption("--out <FILE>")]
    [Description("Where to write every decoded point of every path (tab-separated; default: optimize_path.tsv in the model folder).")]
    public string? Out { get; init; }
}

[Description("Gradient ascent (or descent) on the property head in latent space from start molecules; decode along the paths and report how the property of the decoded valid molecules changed (computed from their SMILES, not read off the head).")]
public sealed class MolOptimizeCommand(CliConsole console) : Command<MolOptimizeSettings>
{
    public override int Execute(CommandContext context, MolOptimizeSettings s, CancellationToken cancel)
    {
        if (s.Start < 1) throw new VaeException($"--start {s.Start}: must be ≥ 1.");
        bool up = s.Direction.Trim().ToLowerInvariant() switch
        {
            "up" => true,
            "down" => false,
            _ => throw new VaeException($"--direction {s.Direction}: use up or down."),
        };
        var decoding = s.Decoding();
        var (loaded, vae) = s.LoadSmiles();
        using var _ = loaded;
        var start = (s.Data is null ? vae.ReadData().Test : MolModelSettings.ReadMolecules(s.Data, vae).Molecules).Take(s.Start);
        var options = new LatentOptimization.Options(s.Property, up, s.Steps, s.StepSize, s.PriorWeight, s.Every ?? Math.Max(1, s.Steps / 10), decoding);
        var r = LatentOptimization.Run(vae, start, options);
        string path = s.Out ?? Path.Combine(s.ModelDir, "optimize_path.tsv");
        WritePath(path, r);
        double startMean = r.StartMeasured.Where(double.IsFinite).DefaultIfEmpty(double.NaN).Average();
        int finalValid = r.Final.Count(p => p is not null);
        if (s.Json)
        {
            console.WriteJson(new MolOptimizeResult(s.Property, up ? "up" : "down", start.Count, s.Steps, startMean, finalValid,
                r.MeanChange, r.MeanChangeFromFirstDecoding, r.Improved, r.NewMolecules, MolOptimizeResult.StepsOf(r.Steps), path));
            return ExitCodes.Ok;
        }
        console.WriteLine($"{start.Count} start molecules ({start.Name}), {s.Property} {(up ? "up" : "down")}, {s.Steps} steps of {s.StepSize} (prior weight {s.PriorWeight}); start molecules' mean {s.Property} {startMean:F2}");
        console.WriteLine("  step  head's mean  valid decoded  mean measured (valid)  distinct");
        foreach (var x in r.Steps)
            console.WriteLine($"  {x.Step,4}  {x.Predicted,11:F2}  {x.Valid,6}/{x.Count,-6}  {(x.MeasuredMean is double v ? v.ToString("F2", CultureInfo.InvariantCulture) : "-"),21}  {x.Distinct,8}");
        console.WriteLine($"Final valid decodings: {finalValid} of {start.Count}; mean change of measured {s.Property} from the start molecule {Signed(r.MeanChange)}, "
            + $"from the step-0 decoding {Signed(r.MeanChangeFromFirstDecoding)}; moved {(up ? "up" : "down")}: {r.Improved:P0}; {r.NewMolecules} new valid molecules along the paths.");
        console.WriteLine($"Paths: {path}");
        return ExitCodes.Ok;
    }

    static string Signed(double? v) => v is double x ? x.ToString("+0.00;-0.00", CultureInfo.InvariantCulture) : "-";

    static void WritePath(string path, LatentOptimization.Result r)
    {
        var sb = new StringBuilder("molecule\tstep\tsmiles\tvalid\tmeasured\tpredicted\tstart_smiles\tstart_measured\n");
        foreach (var p in r.Path)
            sb.Append(CultureInfo.InvariantCulture, $"{p.Molecule}\t{p.Step}\t{p.Smiles}\t{(p.Valid ? 1 : 0)}\t{p.Measured?.ToString("F2", CultureInfo.InvariantCulture)}\t{p.Predicted:F2}\t{r.Start[p.Molecule]}\t{r.StartMeasured[p.Molecule]:F2}\n");
        AtomicFile.WriteAllText(path, sb.ToString());
    }
}
