using System.IO.Compression;
using System.Text;
using Vae.Data;
using Vae.Models;
using Vae.Runs;
using Vae.Training;
using static TorchSharp.torch;

namespace Vae.Reliability;

/// <summary>The IDX reader on mutations of a small image file (plain, or gzip-compressed before mutation).</summary>
public sealed class IdxTarget(bool gzip) : FuzzTarget
{
    private readonly string path = Path.Combine(Path.GetTempPath(), $"vae-fuzz-{Guid.NewGuid():N}.idx{(gzip ? ".gz" : "")}");
    private readonly byte[] valid = Valid(gzip);

    public override string Name => gzip ? "IDX (gzip)" : "IDX";

    static byte[] Valid(bool gzip)
    {
        var bytes = new byte[4 + 12 + 5 * 6 * 7];
        bytes[2] = 0x08; bytes[3] = 3;
        bytes[7] = 5; bytes[11] = 6; bytes[15] = 7;
        for (int i = 16; i < bytes.Length; i++) bytes[i] = (byte)(i * 37);
        if (!gzip) return bytes;
        using var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, CompressionLevel.Fastest)) gz.Write(bytes);
        return ms.ToArray();
    }

    public override void Prepare(Random rng) => File.WriteAllBytes(path, Mutator.Mutate(valid, rng));
    public override void Read() => IdxReader.Read(path);
    public override void Dispose() => File.Delete(path);
}

/// <summary>The CSV reader (with a label column) on mutations of a small table.</summary>
public sealed class CsvTarget : FuzzTarget
{
    private readonly string path = Path.Combine(Path.GetTempPath(), $"vae-fuzz-{Guid.NewGuid():N}.csv");
    private readonly byte[] valid = Encoding.UTF8.GetBytes("a,b,c,label\n1.5,2,3e-2,x\n-4,5,6,y\n7,8.25,9,x\n\"10\",11,12,z\n");

    public override string Name => "CSV";
    public override void Prepare(Random rng) => File.WriteAllBytes(path, Mutator.Mutate(valid, rng));
    public override void Read() => CsvTableReader.Read(path, new CsvOptions { LabelColumn = "label" });
    public override void Dispose() => File.Delete(path);
}

/// <summary>
/// Loading a model folder (config, state, weights, optimizer, metrics) with one of its files mutated.
/// <paramref name="onlyConfig"/> mutates config.json only (the config JSON target).
/// </summary>
public sealed class ModelFolderTarget : FuzzTarget
{
    private static readonly string[] Files = [ModelFolder.ConfigFile, ModelFolder.StateFile, ModelFolder.ModelFile, ModelFolder.OptimizerFile, ModelFolder.MetricsFile];
    private readonly string root = Path.Combine(Path.GetTempPath(), $"vae-fuzz-{Guid.NewGuid():N}");
    private readonly string dir;
    private readonly Dictionary<string, byte[]> valid = [];
    private readonly bool onlyConfig;

    public ModelFolderTarget(bool onlyConfig)
    {
        this.onlyConfig = onlyConfig;
        dir = Path.Combine(root, "model");
        var data = new Dataset("fuzz", Enumerable.Range(0, 64 * 12).Select(i => (float)(i % 7 == 0 ? 1 : 0)).ToArray(), DataShape.Vector(12));
        var config = new RunConfig
        {
            Model = new ModelOptions { Input = DataShape.Vector(12), Network = new MlpNetwork { Hidden = [8] }, Latent = 2 },
            Data = new DataOptions { Source = "csv:unused.csv", ValidationSize = 0 },
            Training = TrainingOptions.Default with { Epochs = 1, BatchSize = 16 },
        };
        using (var t = Trainer.Start(config, dir, CPU, data: new DataSplits(data, null, data))) t.Run();
        foreach (var f in Files) valid[f] = File.ReadAllBytes(Path.Combine(dir, f));
    }

    public override string Name => onlyConfig ? "config JSON" : "model folder";

    public override void Prepare(Random rng)
    {
        foreach (var (f, bytes) in valid) File.WriteAllBytes(Path.Combine(dir, f), bytes);
        string target = onlyConfig ? ModelFolder.ConfigFile : Files[rng.Next(Files.Length)];
        var mutated = Mutator.Mutate(valid[target], rng);
        File.WriteAllBytes(Path.Combine(dir, target), mutated);
        // Half the time a damaged weight file comes with a matching checksum, so the weight parsers themselves are fuzzed.
        if (target is ModelFolder.ModelFile or ModelFolder.OptimizerFile && rng.Next(2) == 0)
        {
            var state = System.Text.Json.Nodes.JsonNode.Parse(valid[ModelFolder.StateFile])!;
            state["checksums"]![target] = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(mutated));
            File.WriteAllText(Path.Combine(dir, ModelFolder.StateFile), state.ToJsonString());
        }
    }

    public override void Read()
    {
        var state = ModelFolder.ReadState(dir);
        using var loaded = ModelFolder.Load(dir, CPU);
        ModelFolder.ReadMetrics(dir);
        using var optimizer = new FlatAdam(loaded.Model.named_parameters(), 1e-3);
        ModelFolder.LoadOptimizer(optimizer, dir, state);
    }

    public override void Dispose()
    {
        try { Directory.Delete(root, recursive: true); } catch (IOException) { }
    }
}

/// <summary>
/// The AnnData reader on mutations of a small .h5ad file written by python3-anndata (CSR X, categorical obs):
/// the counts, obs and var names, and the cell_type and batch columns as labels and batches.
/// </summary>
public sealed class H5adTarget : FuzzTarget
{
    private readonly string path = Path.Combine(Path.GetTempPath(), $"vae-fuzz-{Guid.NewGuid():N}.h5ad");
    private readonly byte[] valid = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", "fuzz.h5ad"));

    public override string Name => "h5ad (AnnData)";

    /// <summary>
    /// PureHDF 2.2 allocates the buffer for an attribute's or a global-heap object's bytes from a size read in
    /// the file (a 32-bit count) before it reads them, so a damaged size costs one short-lived array of up to
    /// 2 GiB (never written: the read then fails at the end of the file and the reader reports a clear error).
    /// The bound is the 32-bit limit rather than 512 MB; anything beyond it is still a failure.
    /// </summary>
    public override long MaxAllocatedBytes => (2L << 30) + (64L << 20);
    public override void Prepare(Random rng) => File.WriteAllBytes(path, Mutator.Mutate(valid, rng));
    public override void Read() => Vae.Applications.SingleCell.AnnotatedCells.Load("h5ad:" + path, null, "cell_type", "batch");
    public override void Dispose() => File.Delete(path);
}
