using Vae.Export.Onnx;
using Vae.Runs;

namespace Vae.Cli.Commands;

public sealed class ModelExportSettings : ModelSettings
{
    [CommandOption("--format <FORMAT>")]
    [Description("The format to write: onnx (encoder.onnx, decoder.onnx and onnx.json).")]
    public string? Format { get; init; }

    [CommandOption("--out <DIR>")]
    [Description("The folder to write (required); files of other formats already in it are kept.")]
    public string? Out { get; init; }
}

[Description("Export a trained model for serving: --format onnx writes the encoder (x -> mu, logvar) and the decoder (z -> the likelihood's parameters) as ONNX graphs with a JSON description.")]
public sealed class ModelExportCommand(CliConsole console) : Command<ModelExportSettings>
{
    public override int Execute(CommandContext context, ModelExportSettings s, CancellationToken cancel)
    {
        if (s.Out is null) throw new VaeException("--out <DIR> is required (the folder for the exported files).");
        string format = s.Format?.Trim().ToLowerInvariant() ?? throw new VaeException("--format <FORMAT> is required: onnx.");
        using var loaded = ModelFolder.Load(s.ModelDir, s.Setup());
        switch (format)
        {
            case "onnx":
                var m = OnnxExport.Write(loaded.Model, s.ModelDir, s.Out);
                console.WriteLine($"ONNX (opset {m.Opset}): {Path.Combine(s.Out, OnnxExport.EncoderFile)} ({Names(m.Encoder)}), {Path.Combine(s.Out, OnnxExport.DecoderFile)} ({Names(m.Decoder)}), {Path.Combine(s.Out, OnnxExport.ManifestFile)}");
                return ExitCodes.Ok;
            default:
                throw new VaeException($"--format {s.Format}: use onnx.");
        }
    }

    static string Names(OnnxGraphInfo g) => $"{string.Join(", ", g.Inputs.Select(i => i.Name))} -> {string.Join(", ", g.Outputs.Select(o => o.Name))}";
}
