using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using TorchSharp;
using Vae.IO;
using Vae.Models;
using static TorchSharp.torch;

namespace Vae.Runs;

/// <summary>What a checkpoint holds.</summary>
public sealed record Checkpoint(
    RunConfig Config,
    VaeModel Model,
    VaeModel? Last,
    IOptimizerState? Optimizer,
    TrainingState State,
    IReadOnlyList<EpochMetrics> Metrics,
    nn.Module? Auxiliary = null,
    IOptimizerState? AuxiliaryOptimizer = null);

/// <summary>A trained model loaded from its folder.</summary>
public sealed record LoadedModel(string Directory, RunConfig Config, VaeModel Model, TrainingState? State) : IDisposable
{
    public void Dispose() => Model.Dispose();
}

/// <summary>
/// The model folder of DESIGN.md: config.json, model.dat (the weights to use: the best on
/// validation when there is a validation split), last.dat (the latest weights, when they differ),
/// optimizer.dat, state.json, metrics.jsonl, environment.json, and for an objective that trains its own network
/// (FactorVAE) discriminator.dat and discriminator-optimizer.dat. Every write replaces the folder
/// atomically; every load checks the format version and the weights' checksums.
/// </summary>
public static class ModelFolder
{
    public const string ConfigFile = "config.json";
    public const string ModelFile = "model.dat";
    public const string LastFile = "last.dat";
    public const string OptimizerFile = "optimizer.dat";
    public const string StateFile = "state.json";
    public const string MetricsFile = "metrics.jsonl";
    public const string EnvironmentFile = "environment.json";
    public const string AuxiliaryFile = "discriminator.dat";
    public const string AuxiliaryOptimizerFile = "discriminator-optimizer.dat";

    public static void Write(string directory, Checkpoint checkpoint)
    {
        var checksums = new Dictionary<string, string>();
        AtomicDirectory.Replace(directory, staging =>
        {
            WriteText(staging, ConfigFile, JsonSerializer.Serialize(checkpoint.Config, Json.Strict));
            checksums[ModelFile] = WriteBytes(staging, ModelFile, Serialize(w => checkpoint.Model.save(w)));
            if (checkpoint.Last is not null) checksums[LastFile] = WriteBytes(staging, LastFile, Serialize(w => checkpoint.Last.save(w)));
            if (checkpoint.Optimizer is not null) checksums[OptimizerFile] = WriteBytes(staging, OptimizerFile, Serialize(w => checkpoint.Optimizer.Save(w)));
            if (checkpoint.Auxiliary is not null) checksums[AuxiliaryFile] = WriteBytes(staging, AuxiliaryFile, Serialize(w => checkpoint.Auxiliary.save(w)));
            if (checkpoint.AuxiliaryOptimizer is not null)
                checksums[AuxiliaryOptimizerFile] = WriteBytes(staging, AuxiliaryOptimizerFile, Serialize(w => checkpoint.AuxiliaryOptimizer.Save(w)));
            var state = checkpoint.State with
            {
                ResumeWeights = checkpoint.Last is null ? ModelFile : LastFile,
                Checksums = checksums,
            };
            WriteText(staging, StateFile, JsonSerializer.Serialize(state, Json.Strict));
            WriteText(staging, MetricsFile, string.Concat(checkpoint.Metrics.Select(m => JsonSerializer.Serialize(m, Json.Line) + "\n")));
            WriteText(staging, EnvironmentFile, JsonSerializer.Serialize(RunEnvironment.Describe(checkpoint.Model), Json.Pretty));
        });
    }

    /// <summary>Writes a model with no training state (optimizer) to continue: the result of pruning, say.</summary>
    public static void WriteModel(string directory, RunConfig config, VaeModel model, bool overwrite = false)
    {
        if (!overwrite && File.Exists(Path.Combine(directory, ConfigFile)))
            throw new VaeException($"{directory}: already holds a model; pass --overwrite to replace it.");
        Write(directory, new Checkpoint(config, model, null, null, new TrainingState { Finished = true }, []));
    }

    public static RunConfig ReadConfig(string directory)
    {
        CheckFolder(directory);
        string path = Path.Combine(directory, ConfigFile);
        return Checked(Json.ReadComplete<RunConfig>(path, root => ConfigMigration.Upgrade(root, path)), path, directory);
    }

    /// <summary>
    /// A run's config held inside another JSON file (the config.json of a PyTorch export), read as <see cref="ReadConfig"/>
    /// reads a model folder's: upgraded from older formats, every field required; <paramref name="path"/> names it in errors.
    /// </summary>
    public static RunConfig ParseConfig(System.Text.Json.Nodes.JsonNode? node, string path) =>
        Checked(Json.ReadComplete<RunConfig>(node, path, root => ConfigMigration.Upgrade(root, path)), path, path);

    static RunConfig Checked(RunConfig config, string path, string name)
    {
        if (config.FormatVersion > RunConfig.CurrentFormatVersion)
            throw new VaeException($"{name}: written by a newer version of this toolkit (format {config.FormatVersion}; this build reads up to {RunConfig.CurrentFormatVersion}). Update the toolkit.");
        if (config.FormatVersion < 1)
            throw new VaeException($"{path}: format_version {config.FormatVersion} is not valid.");
        return config;
    }

    public static TrainingState ReadState(string directory) => Json.ReadComplete<TrainingState>(Path.Combine(directory, StateFile));

    public static IReadOnlyList<EpochMetrics> ReadMetrics(string directory)
    {
        string path = Path.Combine(directory, MetricsFile);
        if (!File.Exists(path)) return [];
        return Utf8Text.ReadLines(path).ToList().Where(l => l.Length > 0)
            .Select((l, i) =>
            {
                try { return JsonSerializer.Deserialize<EpochMetrics>(l, Json.Line)!; }
                catch (JsonException e) { throw new VaeException($"{path}: line {i + 1} is not a metrics record ({e.Message})."); }
            }).ToList();
    }

    /// <summary>Loads the model to use (model.dat) onto <paramref name="device"/>.</summary>
    public static LoadedModel Load(string directory, Device device)
    {
        var config = ReadConfig(directory);
        var state = File.Exists(Path.Combine(directory, StateFile)) ? ReadState(directory) : null;
        var model = Build(config, directory);
        LoadWeights(model, directory, ModelFile, state);
        model.to(device);
        model.eval();
        return new LoadedModel(directory, config, model, state);
    }

    /// <summary>Loads a weight file into a model, verifying its checksum when the state records one.</summary>
    public static void LoadWeights(nn.Module model, string directory, string file, TrainingState? state)
    {
        string path = Path.Combine(directory, file);
        if (!File.Exists(path)) throw new VaeException($"{path}: file not found (the model folder is incomplete).");
        byte[] bytes = File.ReadAllBytes(path);
        if (state is not null)
        {
            if (!state.Checksums.TryGetValue(file, out var expected))
                throw new VaeException($"{Path.Combine(directory, StateFile)}: has no checksum for {file}: the folder is damaged (or {file} does not belong to it).");
            if (expected != Sha256(bytes))
                throw new VaeException($"{path}: checksum mismatch: the weights are damaged or were replaced after the checkpoint was written.");
        }
        WeightFile.Validate(bytes, model.state_dict(), path);
        try
        {
            using var stream = new MemoryStream(bytes);
            model.load(stream, strict: true);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or IOException or FormatException or OverflowException
            or System.Runtime.InteropServices.ExternalException)
        {
            throw new VaeException($"{path}: these weights do not fit the architecture in {ConfigFile} ({e.Message.Split('\n')[0].TrimEnd('.')}).", e);
        }
    }

    /// <summary>Loads the optimizer state, verifying its checksum.</summary>
    public static void LoadOptimizer(IOptimizerState optimizer, string directory, TrainingState state, string file = OptimizerFile)
    {
        string path = Path.Combine(directory, file);
        if (!File.Exists(path)) throw new VaeException($"{path}: file not found; the folder cannot be resumed.");
        byte[] bytes = File.ReadAllBytes(path);
        if (!state.Checksums.TryGetValue(file, out var expected))
            throw new VaeException($"{Path.Combine(directory, StateFile)}: has no checksum for {file}: the folder is damaged.");
        if (expected != Sha256(bytes))
            throw new VaeException($"{path}: checksum mismatch: the optimizer state is damaged.");
        optimizer.Load(bytes, path);
    }

    /// <summary>Builds the (untrained) model a config describes; a config that cannot describe a model is reported against the folder.</summary>
    public static VaeModel Build(RunConfig config, string directory)
    {
        try { return new VaeModel(config.Model, config.Training.Seed); }
        catch (ArgumentException e) { throw new VaeException($"{Path.Combine(directory, ConfigFile)}: {e.Message.Split('\n')[0]}", e); }
        catch (VaeException e) { throw new VaeException($"{Path.Combine(directory, ConfigFile)}: {e.Message}", e); }
    }

    static void CheckFolder(string directory)
    {
        AtomicDirectory.Recover(directory);
        if (File.Exists(directory)) throw new VaeException($"{directory}: is a file; a model is a folder (with {ConfigFile} and {ModelFile}).");
        if (!Directory.Exists(directory)) throw new VaeException($"{directory}: model folder not found.");
        if (!File.Exists(Path.Combine(directory, ConfigFile)))
            throw new VaeException($"{directory}: not a model folder (no {ConfigFile}).");
    }

    static byte[] Serialize(Action<BinaryWriter> save)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true)) save(writer);
        return stream.ToArray();
    }

    static string WriteBytes(string dir, string file, byte[] bytes)
    {
        using (var f = new FileStream(Path.Combine(dir, file), FileMode.CreateNew, FileAccess.Write))
        {
            f.Write(bytes);
            f.Flush(flushToDisk: true);
        }
        return Sha256(bytes);
    }

    static void WriteText(string dir, string file, string text) => WriteBytes(dir, file, Encoding.UTF8.GetBytes(text));

    internal static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
