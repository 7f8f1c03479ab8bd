using System.ComponentModel;
using Spectre.Console.Cli;
using Vae.Applications.Chemistry;
using Vae.Evaluation;
using Vae.Reporting;

namespace Vae.Cli.Commands.Chemistry;

public sealed class MolPlotSettings : MolModelSettings
{
    [CommandOption("--split <SPLIT>")]
    [Description("test (default) or train.")]
    [DefaultValue("test")]
    public string Split { get; init; } = "test";

    [CommandOption("-n <N>")]
    [Description("Use the first N molecules (default 5000). Also --n.")]
    [DefaultValue(5000)]
    public int N { get; init; } = 5000;

    [CommandOption("--out <FILE>")]
    [Description("The PNG to write (default: latent_tpsa.png in the model folder).")]
    public string? Out { get; init; }
}

[Description("Plot the latent means mu(x) of molecules (the first two principal components when d > 2) coloured by their TPSA, computed from the SMILES.")]
public sealed class MolPlotCommand : Command<MolPlotSettings>
{
    public override int Execute(CommandContext context, MolPlotSettings s, CancellationToken cancel)
    {
        if (s.N < 2) throw new VaeException($"--n {s.N}: must be ≥ 2.");
        var (loaded, vae) = s.LoadSmiles();
        using var _ = loaded;
        var splits = vae.ReadData();
        var molecules = (s.Split.ToLowerInvariant() switch
        {
            "test" => splits.Test,
            "train" => splits.Train,
            _ => throw new VaeException($"--split: unknown split '{s.Split}'; use test or train."),
        }).Take(s.N);
        var mean = vae.Means(vae.Encode(molecules));
        var tpsa = molecules.Smiles.Select(x => MoleculeProperties.Of(x).Tpsa ?? double.NaN).ToArray();
        int d = vae.Model.Latent, n = molecules.Count;
        var coords = d == 2 ? mean.Select(v => (double)v).ToArray() : Pca.Fit(mean, d, 2).Transform(mean);
        string path = s.Out ?? Path.Combine(s.ModelDir, "latent_tpsa.png");
        Plots.ScatterContinuous(path, Enumerable.Range(0, n).Select(i => coords[2 * i]).ToArray(), Enumerable.Range(0, n).Select(i => coords[2 * i + 1]).ToArray(), tpsa,
            $"Latent means of {molecules.Name} ({n:N0} molecules){(d == 2 ? "" : $", first 2 principal components of {d} dimensions")}",
            d == 2 ? "z1" : "PC 1", d == 2 ? "z2" : "PC 2", "TPSA (Å²)");
        Console.WriteLine($"Wrote {path}");
        return ExitCodes.Ok;
    }
}
