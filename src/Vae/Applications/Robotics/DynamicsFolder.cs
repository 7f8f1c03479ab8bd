using TorchSharp;
using System.Text;
using System.Text.Json;
using Vae.IO;
using static TorchSharp.torch;

namespace Vae.Applications.Robotics;

/// <summary>
/// Keeps a trained latent dynamics model beside its VAE: dynamics.json (options, sizes, the action
/// scale, the data it was trained on, the loss per epoch) and dynamics.dat (TorchSharp weights).
/// A model folder keeps files it does not know, so these survive further training of the VAE.
/// </summary>
public static class DynamicsFolder
{
    public const string ConfigFile = "dynamics.json", WeightsFile = "dynamics.dat";

    public sealed record Record(DynamicsOptions Options, int Latent, int Actions, double ActionScale, string Data, double[] Losses);

    public static bool Exists(string modelDir) => File.Exists(Path.Combine(modelDir, ConfigFile)) && File.Exists(Path.Combine(modelDir, WeightsFile));

    public static void Save(string modelDir, LatentDynamics model, double actionScale, string data, double[] losses)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true)) model.save(writer);
        AtomicFile.WriteAllBytes(Path.Combine(modelDir, WeightsFile), stream.ToArray());
        var record = new Record(model.Options, model.Latent, model.Actions, actionScale, data, losses);
        AtomicFile.WriteAllText(Path.Combine(modelDir, ConfigFile), JsonSerializer.Serialize(record, Json.Pretty));
    }

    public static (LatentDynamics Model, Record Record) Load(string modelDir, Device device)
    {
        var record = Json.ReadFile<Record>(Path.Combine(modelDir, ConfigFile), Json.Pretty);
        var model = new LatentDynamics(record.Latent, record.Actions, record.Options);
        using (var stream = File.OpenRead(Path.Combine(modelDir, WeightsFile)))
            model.load(stream, strict: true);
        model.to(device);
        model.eval();
        return (model, record);
    }
}
