using Vae.Applications.Chemistry;

namespace Vae.Cli.Commands.Chemistry;

public sealed class MolPlotSettings : MolModelSettings
{
    [CommandOption("--split <SPLIT>")]
    [Description(SplitOption.Help)]
    [DefaultValue("test")]
    public string Split { get; init; } = "test";

    [CommandOption("-n <N>")]
    [Description("Use the first N molecules (default 5000). Also --n.")]
    [DefaultValue(5000)]
    public int N { get; init; } = 5000;

    [CommandOption("--projection <KIND>")]
    [Description("For d > 2: pca (default: the first two principal components) or tpsa (the direction of the linear fit of TPSA on mu, then the first principal component of the rest).")]
    [DefaultValue("pca")]
    public string Projection { get; init; } = "pca";

    [CommandOption("--out <FILE>")]
    [Description("The PNG to write (default: latent_tpsa.png in the model folder).")]
    public string? Out { get; init; }
}

[Description("Plot the latent means mu(x) of molecules colored by their TPSA (computed from the SMILES): z itself when d = 2, else two principal components or the TPSA direction (--projection).")]
public sealed class MolPlotCommand(CliConsole console) : Command<MolPlotSettings>
{
    public override int Execute(CommandContext context, MolPlotSettings s, CancellationToken cancel)
    {
        if (s.N < 2) throw new VaeException($"--n {s.N}: must be ≥ 2.");
        var (loaded, vae) = s.LoadSmiles();
        using var _ = loaded;
        var splits = vae.ReadData();
        var molecules = (SplitOption.Parse(s.Split) == EvaluationSplit.Train ? splits.Train : splits.Test).Take(s.N);
        var mean = vae.Means(vae.Encode(molecules));
        var tpsa = molecules.Smiles.Select(x => MoleculeProperties.TpsaOf(x) ?? double.NaN).ToArray();
        int d = vae.Model.Latent, n = molecules.Count;
        string path = s.Out ?? Path.Combine(s.ModelDir, "latent_tpsa.png");
        string title = $"Latent means of {n:N0} molecules ({molecules.Name})";
        double[] xs, ys;
        string xLabel, yLabel;
        if (d == 2)
        {
            (xs, ys, xLabel, yLabel) = (Column(mean.Select(v => (double)v).ToArray(), 0), Column(mean.Select(v => (double)v).ToArray(), 1), "z1", "z2");
        }
        else if (s.Projection.Equals("pca", StringComparison.OrdinalIgnoreCase))
        {
            var coords = Pca.Fit(mean, d, 2).Transform(mean);
            (xs, ys, xLabel, yLabel) = (Column(coords, 0), Column(coords, 1), $"PC 1 (of {d} dimensions)", "PC 2");
        }
        else if (s.Projection.Equals("tpsa", StringComparison.OrdinalIgnoreCase))
        {
            var p = PropertyProjection.Fit(mean, d, tpsa);
            (xs, ys) = (p.X, p.Y);
            xLabel = $"direction of the linear fit of TPSA on mu (R^2 = {p.R2:F2})";
            yLabel = "PC 1 of the rest";
        }
        else throw new VaeException($"--projection {s.Projection}: use pca or tpsa.");
        Plots.ScatterContinuous(path, xs, ys, tpsa, title, xLabel, yLabel, "TPSA (Å²)");
        console.WriteLine($"Wrote {path}");
        return ExitCodes.Ok;
    }

    static double[] Column(double[] pairs, int c) => Enumerable.Range(0, pairs.Length / 2).Select(i => pairs[2 * i + c]).ToArray();
}
