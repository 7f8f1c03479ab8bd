using System.Text;
using System.Text.Json;
using TorchSharp;
using TorchSharp.PyBridge;
using Vae.IO;
using Vae.Models;
using Vae.Runs;
using static TorchSharp.torch;

namespace Vae.Export.Torch;

/// <summary>
/// Exports a trained model for PyTorch: its state dict (model.safetensors, or model.pt as torch.save writes it, through
/// TorchSharp.PyBridge), vae_model.py (<see cref="PythonModule"/>: modules whose keys are ours, <c>load(dir)</c>,
/// <c>encode</c>, <c>decode</c>) and config.json (<see cref="TorchExportConfig"/>). A model the export cannot express is
/// refused before anything is written (<see cref="ExportSupport"/>); the files are written into a staging folder and
/// moved into place together (<see cref="AtomicDirectory"/>).
/// </summary>
public static class TorchExport
{
    /// <summary>Writes the three files into <paramref name="outDir"/>; <paramref name="modelDir"/> names the model in errors.</summary>
    public static TorchExportConfig Write(RunConfig run, VaeModel model, string modelDir, string outDir, TorchFormat format)
    {
        var o = model.Options;
        ExportSupport.Check(o, modelDir, "PyTorch");
        string weights = TorchFiles.WeightsFile(format);
        string source = modelDir;
        string module = PythonModule.Generate(model, weights, source);
        using var scope = NewDisposeScope();
        var state = model.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.detach().cpu().contiguous());
        var config = Describe(run, model, weights, source, state);
        AtomicDirectory.Replace(outDir, dir =>
        {
            WriteFile(dir, weights, stream =>
            {
                if (format == TorchFormat.Safetensors) Safetensors.SaveStateDict(stream, state, leaveOpen: true);
                else PyTorchPickler.PickleStateDict(stream, state, leaveOpen: true);
            });
            WriteFile(dir, TorchFiles.Module, stream => stream.Write(Encoding.UTF8.GetBytes(module)));
            WriteFile(dir, TorchFiles.Config, stream => stream.Write(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(config, Readable) + "\n")));
        });
        return config;
    }

    // Json.Pretty, with "->" and quotes written as they are (the file is read by people and by Python's json).
    static readonly JsonSerializerOptions Readable = new(Json.Pretty) { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    static TorchExportConfig Describe(RunConfig run, VaeModel model, string weights, string source, Dictionary<string, Tensor> state)
    {
        var o = model.Options;
        bool gaussian = o.Likelihood != Distributions.LikelihoodKind.Bernoulli;
        string decoded = gaussian ? "mean, logvar" : "logits, probs";
        return new TorchExportConfig(TorchExportConfig.FormatName, TorchExportConfig.CurrentVersion, weights, TorchFiles.Module,
            o.Network.Name.ToLowerInvariant(), model.IsVariational, [o.Input.Channels, o.Input.Height, o.Input.Width],
            o.InputTransform == InputTransform.Log1p ? "log1p" : "none", o.Latent, PythonModule.LikelihoodName(o.Likelihood),
            o.Likelihood == Distributions.LikelihoodKind.Gaussian ? o.Sigma : null,
            gaussian && o.Likelihood != Distributions.LikelihoodKind.Gaussian ? o.SigmaFloor : null,
            model.IsVariational ? $"x [N, {o.Input.Size}] -> mu, logvar [N, {o.Latent}]" : $"x [N, {o.Input.Size}] -> z [N, {o.Latent}]",
            $"z [N, {o.Latent}] -> {decoded} [N, {o.Input.Size}]",
            state.ToDictionary(kv => kv.Key, kv => new TorchTensorInfo(SafetensorsIndex.DtypeName(kv.Value.dtype), kv.Value.shape)),
            source, run);
    }

    // A fresh file in the staging folder (never an old file written over: PyBridge's own writers open without truncating).
    static void WriteFile(string dir, string name, Action<Stream> write)
    {
        using var stream = new FileStream(Path.Combine(dir, name), FileMode.CreateNew, FileAccess.ReadWrite);
        write(stream);
        stream.Flush(flushToDisk: true);
    }
}
