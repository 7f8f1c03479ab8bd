using System.Text;
using Vae.Models;
using Vae.Training;

namespace Vae.Cli.Commands;

public sealed class EncodeSettings : SplitSettings
{
    [CommandOption("--out <FILE>")]
    [Description("CSV with index, mu_1..mu_d, sigma_1..sigma_d and label (default latents.csv).")]
    [DefaultValue("latents.csv")]
    public string Out { get; init; } = "latents.csv";

    [CommandOption("-n <N>")]
    [Description("Only the first N examples (default: all). Also --n.")]
    public int? N { get; init; }
}

[Description("Write the posterior mean and standard deviation of every example to a CSV.")]
public sealed class EncodeCommand(CliConsole console) : Command<EncodeSettings>
{
    public override int Execute(CommandContext context, EncodeSettings s, CancellationToken cancel)
    {
        if (s.N is < 1) throw new VaeException($"--n {s.N}: must be ≥ 1.");
        var device = s.Setup();
        using var loaded = ModelFolder.Load(s.ModelDir, device);
        Dataset data = s.LoadSplit(loaded.Config, s.N);
        var (mean, std) = Generation.Encode(loaded.Model, data, device);
        AtomicFile.WriteAllText(s.Out, LatentTable.ToCsv(mean, std, loaded.Model.Latent, data.Labels));
        console.WriteLine($"Wrote mu and sigma of {data.Count:N0} {s.Split} examples ({loaded.Model.Latent} dimensions) to {s.Out}");
        return ExitCodes.Ok;
    }
}
