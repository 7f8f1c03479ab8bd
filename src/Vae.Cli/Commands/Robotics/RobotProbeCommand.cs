using Vae.Applications.Robotics;

namespace Vae.Cli.Commands.Robotics;

public sealed class RobotProbeSettings : ModelSettings
{
    [CommandOption("--data <DIR>")]
    [Description("The data folder written by `./vae robot simulate` (default: the folder the model was trained on).")]
    public string? Data { get; init; }

    [CommandOption("--json")]
    [Description("Print one JSON object: {\"vae\": {variable: R²}, \"pca\": {variable: R²}} (the linear probes).")]
    public bool Json { get; init; }

    [CommandOption("--knn")]
    [Description("With --json, add the 10-nearest-neighbour probes as \"vae_knn\" and \"pca_knn\".")]
    public bool Knn { get; init; }
}

[Description("Linear probes from the latent means to the true state (sin and cos of the angles, velocities), fitted on the training episodes; R² on the held-out episodes, for the VAE and for PCA with as many components.")]
public sealed class RobotProbeCommand(CliConsole console) : Command<RobotProbeSettings>
{
    public override int Execute(CommandContext context, RobotProbeSettings s, CancellationToken cancel)
    {
        var device = s.Setup();
        using var loaded = ModelFolder.Load(s.ModelDir, device);
        var data = RobotDataOption.Load(s.Data, loaded.Config);
        var result = StateProbe.Run(loaded.Model, data, device);
        if (s.Json)
        {
            var json = result.ToDictionary();
            if (s.Knn) foreach (var (key, value) in result.NearestNeighbourDictionary()) json[key] = value;
            console.WriteJson(json);
            return ExitCodes.Ok;
        }
        console.WriteLine($"{s.ModelDir} on {data.Directory}: probes fitted on {result.TrainRows:N0} training frames, R² on {result.TestRows:N0} held-out frames; PCA with {result.Components} components.");
        console.WriteLine($"  {"",-12} {"linear probe",17}  {"10-nearest-neighbour probe",26}");
        console.WriteLine($"  {"variable",-12} {"VAE",8} {"PCA",8}  {"VAE",12} {"PCA",12}");
        for (int i = 0; i < result.Variables.Length; i++)
            console.WriteLine($"  {result.Variables[i],-12} {result.Vae[i],8:F3} {result.Pca[i],8:F3}  {result.VaeKnn[i],12:F3} {result.PcaKnn[i],12:F3}");
        return ExitCodes.Ok;
    }
}
