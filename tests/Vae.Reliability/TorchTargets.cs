using Vae.Export.Torch;
using Vae.Models;
using Vae.Runs;

namespace Vae.Reliability;

/// <summary>
/// `vae import`'s reading of a PyTorch state dict (<see cref="TorchImport.Load"/>: the header or archive checked, then
/// TorchSharp.PyBridge reading it into the model) on mutations of a small model's export, as safetensors or torch.save.
/// </summary>
public sealed class TorchStateDictTarget : FuzzTarget
{
    private readonly string root = Path.Combine(Path.GetTempPath(), $"vae-fuzz-{Guid.NewGuid():N}");
    private readonly TorchFormat format;
    private readonly VaeModel model;
    private readonly byte[] valid;
    private readonly string path;

    public TorchStateDictTarget(TorchFormat format)
    {
        this.format = format;
        var options = new ModelOptions { Input = DataShape.Vector(6), Latent = 2, Network = new MlpNetwork { Hidden = [5] } };
        model = new VaeModel(options, seed: 0);
        string export = Path.Combine(root, "export");
        TorchExport.Write(new RunConfig { Model = options }, model, "fuzz", export, format);
        valid = File.ReadAllBytes(Path.Combine(export, TorchFiles.WeightsFile(format)));
        path = Path.Combine(root, TorchFiles.WeightsFile(format));
    }

    public override string Name => format == TorchFormat.Safetensors ? "PyTorch state dict (safetensors)" : "PyTorch state dict (torch.save)";
    public override void Prepare(Random rng) => File.WriteAllBytes(path, Mutator.Mutate(valid, rng));
    public override void Read() => TorchImport.Load(model, path, format, "config.json");

    public override void Dispose()
    {
        model.Dispose();
        try { Directory.Delete(root, recursive: true); } catch (IOException) { }
    }
}
