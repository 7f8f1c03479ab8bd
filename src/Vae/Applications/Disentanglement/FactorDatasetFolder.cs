using System.Globalization;
using System.Text;
using System.Text.Json;
using Vae.Data;
using Vae.IO;

namespace Vae.Applications.Disentanglement;

/// <summary>
/// A factor data set written to disk: a folder of MNIST-format IDX files (train-/t10k-images-idx3-ubyte.gz,
/// N×H×W or N×C×H×W bytes 0–255; train-/t10k-labels-idx1-ubyte.gz, the first factor's index, e.g. the
/// shape), factors.csv (split, row, grid index, then each factor's value and index for every image)
/// and dataset.json (<see cref="FactorDatasetInfo"/>). Any verb reads it with --data mnist:&lt;dir&gt;.
/// </summary>
public static class FactorDatasetFolder
{
    public const string InfoFile = "dataset.json", FactorsFile = "factors.csv";

    /// <summary>The generators by name.</summary>
    public static IReadOnlyList<string> Names { get; } = ["dsprites", "shaded"];

    public static FactorDataset ByName(string name) => name.Trim().ToLowerInvariant() switch
    {
        "dsprites" => new DSprites(),
        "shaded" => new ShadedShapes(),
        _ => throw new VaeException($"--data: unknown generator '{name}'; use {string.Join(", ", Names)} or a folder written by `vae dsprites`."),
    };

    /// <summary>The generator behind <paramref name="spec"/>: a folder written by <see cref="Write"/> (optionally as mnist:&lt;dir&gt;) or a generator name.</summary>
    public static FactorDataset Open(string spec)
    {
        string dir = DataSources.FolderOf(spec);
        if (Directory.Exists(dir))
        {
            string path = Path.Combine(dir, InfoFile);
            if (!File.Exists(path)) throw new VaeException($"{dir}: no {InfoFile}; the folder was not written by `vae dsprites`, so its factors are unknown.");
            var info = Json.ReadFile<FactorDatasetInfo>(path, Json.Pretty);
            var data = ByName(info.Generator);
            if (!info.FactorSizes.SequenceEqual(data.Factors.Select(f => f.Count)))
                throw new VaeException($"{path}: factor sizes {string.Join("×", info.FactorSizes)} do not match this version's {data.Name} generator.");
            return data;
        }
        if (Names.Contains(spec.Trim().ToLowerInvariant())) return ByName(spec);
        throw new VaeException($"--data {spec}: neither a folder nor a generator name ({string.Join(", ", Names)}).");
    }

    /// <summary>
    /// Writes <paramref name="subset"/> distinct images drawn uniformly from the grid (or, when null, the
    /// full grid in grid order) as the training files, and <paramref name="test"/> further distinct images
    /// (for the full grid necessarily also training images) as the test files. Replaces the folder atomically.
    /// </summary>
    public static FactorDatasetInfo Write(string directory, FactorDataset data, int? subset, int test, int seed, IProgress<long>? progress = null)
    {
        long size = data.Size;
        if (subset is < 1) throw new VaeException($"--subset {subset}: must be ≥ 1.");
        if (test < 1) throw new VaeException($"--test {test}: must be ≥ 1.");
        if (subset is null && size > int.MaxValue) throw new VaeException($"{data.Name}: the full grid of {size:N0} images is too large to write.");
        if ((subset ?? 0) + (long)test > size && subset is not null)
            throw new VaeException($"--subset {subset} + --test {test}: the {data.Name} grid has only {size:N0} images.");
        if (subset is null && test > size) throw new VaeException($"--test {test}: the {data.Name} grid has only {size:N0} images.");

        var order = Enumerable.Range(0, (int)size).ToArray();
        new Random(seed).Shuffle(order);
        int[] train = subset is int n ? order[..n] : Enumerable.Range(0, (int)size).ToArray();
        int[] testRows = subset is int m ? order[m..(m + test)] : order[..test];
        var info = new FactorDatasetInfo
        {
            Generator = data.Name, Train = train.Length, Test = testRows.Length, FullGrid = subset is null, Seed = seed,
            Factors = data.Factors.Select(f => f.Name).ToArray(), FactorSizes = data.Factors.Select(f => f.Count).ToArray(),
        };
        long done = 0;
        AtomicDirectory.Replace(directory, staging =>
        {
            using (var csv = new StreamWriter(Path.Combine(staging, FactorsFile), false, new UTF8Encoding(false)))
            {
                csv.Write("split,row,grid_index,");
                csv.WriteLine(string.Join(",", data.Factors.Select(f => f.Name).Concat(data.Factors.Select(f => f.Name + "_index"))));
                foreach (var (prefix, rows) in new[] { ("train", train), ("t10k", testRows) })
                    WriteSplit(staging, prefix, data, rows, csv, () => progress?.Report(done += 1));
            }
            File.WriteAllText(Path.Combine(staging, InfoFile), JsonSerializer.Serialize(info, Json.Pretty));
        });
        return info;
    }

    static void WriteSplit(string dir, string prefix, FactorDataset data, int[] gridRows, StreamWriter csv, Action tick)
    {
        var shape = data.Shape;
        int[] dims = shape.Channels == 1 ? [gridRows.Length, shape.Height, shape.Width] : [gridRows.Length, shape.Channels, shape.Height, shape.Width];
        using var images = IdxWriter.Create(Path.Combine(dir, $"{prefix}-images-idx3-ubyte.gz"), dims);
        using var labels = IdxWriter.Create(Path.Combine(dir, $"{prefix}-labels-idx1-ubyte.gz"), gridRows.Length);
        var inv = CultureInfo.InvariantCulture;
        int k = data.FactorCount;
        for (int start = 0; start < gridRows.Length; start += CodeSampler.Chunk)
        {
            int count = Math.Min(CodeSampler.Chunk, gridRows.Length - start);
            var factors = new int[count * k];
            for (int i = 0; i < count; i++) data.FactorsAt(gridRows[start + i]).CopyTo(factors, i * k);
            images.Write(data.Render(factors).AsSpan());
            var labelBytes = new byte[count];
            for (int i = 0; i < count; i++)
            {
                labelBytes[i] = (byte)factors[i * k];
                csv.Write(prefix == "train" ? "train," : "test,");
                csv.Write((start + i).ToString(inv));
                csv.Write(',');
                csv.Write(gridRows[start + i].ToString(inv));
                for (int j = 0; j < k; j++) { csv.Write(','); csv.Write(data.Factors[j].Describe(factors[i * k + j])); }
                for (int j = 0; j < k; j++) { csv.Write(','); csv.Write(factors[i * k + j].ToString(inv)); }
                csv.WriteLine();
                tick();
            }
            labels.Write(labelBytes);
        }
        images.Finish();
        labels.Finish();
    }
}
