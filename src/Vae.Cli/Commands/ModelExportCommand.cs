using Vae.Export.Onnx;
using Vae.Export.Torch;
using Vae.Runs;

namespace Vae.Cli.Commands;

public sealed class ModelExportSettings : ModelSettings
{
    [CommandOption("--format <FORMAT>")]
    [Description("The format to write: onnx (encoder.onnx, decoder.onnx and onnx.json), safetensors or pt (the state dict as model.safetensors or model.pt, vae_model.py and config.json, for PyTorch).")]
    public string? Format { get; init; }

    [CommandOption("--out <DIR>")]
    [Description("The folder to write (required); files of other formats already in it are kept.")]
    public string? Out { get; init; }
}

[Description("Export a trained model: --format onnx writes the encoder (x -> mu, logvar) and the decoder (z -> the likelihood's parameters) as ONNX graphs with a JSON description; --format safetensors|pt writes its state dict, a PyTorch module file (vae_model.py: load(dir), encode, decode) and config.json.")]
public sealed class ModelExportCommand(CliConsole console) : Command<ModelExportSettings>
{
    const string Formats = "onnx, safetensors or pt";

    public override int Execute(CommandContext context, ModelExportSettings s, CancellationToken cancel)
    {
        if (s.Out is null) throw new VaeException("--out <DIR> is required (the folder for the exported files).");
        string format = s.Format?.Trim().ToLowerInvariant() ?? throw new VaeException($"--format <FORMAT> is required: {Formats}.");
        if (format is not ("onnx" or "safetensors" or "pt")) throw new VaeException($"--format {s.Format}: use {Formats}.");
        using var loaded = ModelFolder.Load(s.ModelDir, s.Setup());
        if (format == "onnx")
        {
            var m = OnnxExport.Write(loaded.Model, s.ModelDir, s.Out);
            console.WriteLine($"ONNX (opset {m.Opset}): {Path.Combine(s.Out, OnnxExport.EncoderFile)} ({Names(m.Encoder)}), {Path.Combine(s.Out, OnnxExport.DecoderFile)} ({Names(m.Decoder)}), {Path.Combine(s.Out, OnnxExport.ManifestFile)}");
            return ExitCodes.Ok;
        }
        var c = TorchExport.Write(loaded.Config, loaded.Model, s.ModelDir, s.Out, format == "pt" ? TorchFormat.Pt : TorchFormat.Safetensors);
        console.WriteLine($"PyTorch: {Path.Combine(s.Out, c.Weights)} ({c.StateDict.Count} tensors), {Path.Combine(s.Out, c.Module)} (encode: {c.Encode}; decode: {c.Decode}), {Path.Combine(s.Out, TorchFiles.Config)}");
        return ExitCodes.Ok;
    }

    static string Names(OnnxGraphInfo g) => $"{string.Join(", ", g.Inputs.Select(i => i.Name))} -> {string.Join(", ", g.Outputs.Select(o => o.Name))}";
}
