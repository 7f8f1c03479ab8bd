using System.Globalization;
using System.Text;
using System.Text.Json;
using Vae.Data;
using Vae.IO;

namespace Vae.Applications.Physics;

/// <summary>
/// A simulation written as a folder every verb can read with <c>--data mnist:&lt;dir&gt;</c>: MNIST-format
/// IDX files (train and t10k; spins as bytes 0 for σ = −1 and 255 for σ = +1, so the reader's ÷255 gives
/// 0/1; labels are the temperature's index in the grid), plus <c>metadata.csv</c> (split, index,
/// temperature, energy, magnetization; energies and magnetizations per spin) and <c>simulation.json</c>
/// (the options and the per-temperature summaries). Each temperature's last TestFraction of
/// configurations goes to t10k.
/// </summary>
public static class IsingDataset
{
    public const string MetadataFile = "metadata.csv";
    public const string SimulationFile = "simulation.json";

    /// <summary>What simulation.json holds.</summary>
    public sealed record SimulationRecord(int Size, IsingAlgorithm Algorithm, int Seed, int SamplesPerTemperature, double TestFraction,
        double Spacing, bool RandomGlobalFlip, IReadOnlyList<double> Temperatures, IReadOnlyList<TemperatureSummary> Summaries, DateTimeOffset Written);

    public static void Write(string directory, IsingSimulation simulation)
    {
        var o = simulation.Options;
        if (o.Temperatures.Count > 256) throw new VaeException("--temperatures: at most 256 temperatures fit in a byte label.");
        if (o.TrainCount < 1 || o.TestCount < 1)
            throw new VaeException($"--samples {o.Samples} with --test-fraction {o.TestFraction}: both splits need at least one configuration per temperature.");
        AtomicDirectory.Replace(directory, staging =>
        {
            var meta = new StringBuilder("split,index,temperature,energy,magnetization\n");
            foreach (var (split, from, count) in new[] { ("train", 0, o.TrainCount), ("t10k", o.TrainCount, o.TestCount) })
            {
                int n = count * simulation.Runs.Count, sites = o.Size * o.Size, row = 0;
                var images = new byte[(long)n * sites];
                var labels = new byte[n];
                for (int t = 0; t < simulation.Runs.Count; t++)
                {
                    var run = simulation.Runs[t];
                    for (int s = from; s < from + count; s++, row++)
                    {
                        for (int i = 0; i < sites; i++) images[(long)row * sites + i] = (byte)(run.Spins[(long)s * sites + i] * 255);
                        labels[row] = (byte)t;
                        meta.Append(CultureInfo.InvariantCulture, $"{(split == "t10k" ? "test" : "train")},{row},{run.Temperature:R},{run.Energies[s]:R},{run.Magnetizations[s]:R}\n");
                    }
                }
                IdxWriter.WriteFile(Path.Combine(staging, $"{split}-images-idx3-ubyte"), [n, o.Size, o.Size], images);
                IdxWriter.WriteFile(Path.Combine(staging, $"{split}-labels-idx1-ubyte"), [n], labels);
            }
            File.WriteAllText(Path.Combine(staging, MetadataFile), meta.ToString());
            var record = new SimulationRecord(o.Size, o.Algorithm, o.Seed, o.Samples, o.TestFraction, o.Spacing, o.RandomGlobalFlip,
                o.Temperatures, simulation.Summaries(), DateTimeOffset.UtcNow);
            File.WriteAllText(Path.Combine(staging, SimulationFile), JsonSerializer.Serialize(record, Json.Pretty));
        });
    }

    /// <summary>The rows of <c>metadata.csv</c> for one split ("train" or "test"), in file order.</summary>
    public static IReadOnlyList<IsingExample> ReadMetadata(string directory, string split)
    {
        string path = Path.Combine(directory, MetadataFile);
        if (!File.Exists(path)) throw new VaeException($"{path}: not found; this is not a folder written by `vae ising simulate`.");
        var rows = new List<IsingExample>();
        int line = 0;
        foreach (var text in Utf8Text.ReadLines(path))
        {
            if (line++ == 0 || text.Length == 0) continue;
            var f = text.Split(',');
            if (f.Length != 5) throw new VaeException($"{path}:{line}: expected 5 fields (split,index,temperature,energy,magnetization), found {f.Length}.");
            if (f[0] != split) continue;
            try
            {
                var inv = CultureInfo.InvariantCulture;
                rows.Add(new IsingExample(f[0], int.Parse(f[1], inv), double.Parse(f[2], inv), double.Parse(f[3], inv), double.Parse(f[4], inv)));
            }
            catch (FormatException) { throw new VaeException($"{path}:{line}: a field is not a number."); }
        }
        return rows;
    }

    /// <summary>simulation.json of a data folder.</summary>
    public static SimulationRecord ReadSimulation(string directory) =>
        Json.ReadFile<SimulationRecord>(Path.Combine(directory, SimulationFile), Json.Line);

    /// <summary>Loads one split's configurations (as 0/1 floats) with their metadata, checking that the two agree.</summary>
    public static (Dataset Data, IReadOnlyList<IsingExample> Examples) Load(string directory, string split)
    {
        var (train, test) = MnistFolder.Load(directory, Path.GetFileName(directory.TrimEnd('/')), null, missingHint: "write one with `vae ising simulate`");
        var data = split == "test" ? test : train;
        var examples = ReadMetadata(directory, split);
        if (examples.Count != data.Count)
            throw new VaeException($"{Path.Combine(directory, MetadataFile)}: {examples.Count} {split} rows for {data.Count} {split} configurations.");
        return (data, examples);
    }
}
