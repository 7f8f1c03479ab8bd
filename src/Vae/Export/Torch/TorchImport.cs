using System.Text.Json.Nodes;
using TorchSharp;
using TorchSharp.PyBridge;
using Vae.IO;
using Vae.Models;
using Vae.Runs;
using static TorchSharp.torch;

namespace Vae.Export.Torch;

/// <summary>What <see cref="TorchImport.Import"/> read and wrote.</summary>
public sealed record TorchImportResult(string Weights, TorchFormat Format, string Config, int Tensors, long Values, string ModelDir);

/// <summary>
/// The way back from PyTorch: builds the model a config describes, loads a PyTorch state dict into it (safetensors, or a
/// torch.save archive, through TorchSharp.PyBridge, after <see cref="SafetensorsIndex"/> or <see cref="PtIndex"/> and
/// <see cref="StateDictCheck"/> have checked the file against the model) and writes a model folder that every verb reads.
/// </summary>
public static class TorchImport
{
    /// <param name="source">A folder as <c>vae export --format safetensors|pt</c> writes it (config.json and the weights it
    /// names), or a state dict file (.safetensors; .pt, .pth, .bin from torch.save).</param>
    /// <param name="config">The config.json of an export or of a model folder, or either folder; by default the
    /// config.json in <paramref name="source"/> (or beside the file).</param>
    /// <param name="outDir">The model folder to write.</param>
    public static TorchImportResult Import(string source, string? config, string outDir, bool overwrite = false)
    {
        bool folder = Directory.Exists(source);
        if (!folder && !File.Exists(source)) throw new VaeException($"{source}: not found (give a state dict file, .safetensors or .pt, or the folder vae export wrote).");
        var (run, weightsName, configName) = ReadConfig(config ?? (folder ? source : Path.GetDirectoryName(Path.GetFullPath(source))!), config is null);
        string weights = folder ? Path.Combine(source, weightsName ?? FindWeights(source)) : source;
        if (!File.Exists(weights)) throw new VaeException($"{weights}: file not found ({configName} names it as the weights).");
        var format = TorchFiles.FormatOf(weights);
        using var model = ModelFolder.Build(run, Path.GetDirectoryName(configName) ?? ".");
        Load(model, weights, format, configName);
        ModelFolder.WriteModel(outDir, run, model, overwrite);
        var state = model.state_dict();
        return new TorchImportResult(weights, format, configName, state.Count, state.Values.Sum(t => t.NumberOfElements), outDir);
    }

    /// <summary>Checks the state dict file against the model, then loads it (the model's parameters are replaced).</summary>
    public static void Load(nn.Module model, string weights, TorchFormat format, string configName)
    {
        var entries = format == TorchFormat.Safetensors ? SafetensorsIndex.Read(weights) : PtIndex.Read(weights);
        StateDictCheck.Check(entries, model.state_dict(), weights, configName);
        try
        {
            using var noGrad = no_grad();
            if (format == TorchFormat.Safetensors) model.load_safetensors(weights, strict: true);
            else model.load_py(weights, strict: true);
        }
        catch (Exception e) when (e is not VaeException)
        {
            throw new VaeException($"{weights}: could not be loaded into the model of {configName} ({e.Message.Split('\n')[0].TrimEnd('.')}).", e);
        }
    }

    // The run config, the weights file the config names (an export's), and the config file's path for messages.
    static (RunConfig Run, string? Weights, string Name) ReadConfig(string config, bool implicitConfig)
    {
        string path = Directory.Exists(config) ? Path.Combine(config, TorchFiles.Config) : config;
        if (!File.Exists(path))
            throw new VaeException(implicitConfig
                ? $"{path}: not found: pass --config, the config.json of the export (or of the model folder) this state dict belongs to."
                : $"{path}: file not found.");
        var node = Json.ParseStrict(Utf8Text.ReadAllText(path), path);
        if (node is JsonObject root && root["format"] is JsonValue f && f.TryGetValue(out string? format) && format == TorchExportConfig.FormatName)
        {
            int version = root["format_version"] is JsonValue v && v.TryGetValue(out int n) ? n : 0;
            if (version is < 1 or > TorchExportConfig.CurrentVersion)
                throw new VaeException($"{path}: format_version {root["format_version"]?.ToJsonString() ?? "missing"}: this build reads PyTorch exports of version 1 to {TorchExportConfig.CurrentVersion}.");
            string? weights = root["weights"] is JsonValue w && w.TryGetValue(out string? name) ? name : null;
            if (weights is not null && (weights.Length == 0 || Path.GetFileName(weights) != weights))
                throw new VaeException($"{path}: weights '{weights}' is not a file name in the export's folder.");
            return (ModelFolder.ParseConfig(root["run_config"], $"{path} (run_config)"), weights, path);
        }
        return (ModelFolder.ParseConfig(node, path), null, path);
    }

    static string FindWeights(string folder)
    {
        var present = new[] { TorchFiles.Safetensors, TorchFiles.Pt }.Where(f => File.Exists(Path.Combine(folder, f))).ToList();
        return present.Count switch
        {
            1 => present[0],
            0 => throw new VaeException($"{folder}: holds neither {TorchFiles.Safetensors} nor {TorchFiles.Pt}: give the state dict file itself."),
            _ => throw new VaeException($"{folder}: holds both {TorchFiles.Safetensors} and {TorchFiles.Pt}: give the one to import."),
        };
    }
}
