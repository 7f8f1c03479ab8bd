namespace Vae.Data;

/// <summary>Loads the data a <see cref="DataOptions"/> names and splits it.</summary>
public static class DataSources
{
    /// <summary>Where Debian's <c>dataset-fashion-mnist</c> package puts the files (overridable by VAE_FASHION_MNIST_DIR).</summary>
    public static string FashionMnistDirectory =>
        Environment.GetEnvironmentVariable("VAE_FASHION_MNIST_DIR") is { Length: > 0 } d ? d : "/usr/share/datasets/fashion-mnist";

    public static readonly IReadOnlyList<string> FashionMnistClasses =
        ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];

    public const string Help = "fashion-mnist (default), mnist:<dir> (a folder of MNIST-format IDX files), csv:<file> (one example per row), smiles:<file>[:column] (molecules as token sequences), 10x:<dir> or counts:<file> (single-cell counts), shards:<dir> (written by `vae convert`, streamed from disk)";

    /// <summary>Rows of a streamed training set kept in memory as its sample (for checks and diagnostics).</summary>
    public const int StreamSample = 10_000;

    public static DataSplits Load(DataOptions options)
    {
        if (IsShards(options.Source)) return LoadShards(options);
        var (train, test) = LoadRaw(options);
        if (options.TrainLimit is int limit) train = train.Take(limit);
        return Split(train, test, options);
    }

    /// <summary>The training and test sets as the source provides them, before validation split and binarization.</summary>
    public static (Dataset Train, Dataset Test) LoadRaw(DataOptions options)
    {
        string source = options.Source;
        if (source.Equals("fashion-mnist", StringComparison.OrdinalIgnoreCase))
            return MnistFolder.Load(FashionMnistDirectory, "fashion-mnist", FashionMnistClasses, missingHint:
                "install it with `apt-get install dataset-fashion-mnist` (`./vae demo` does this when run as root), or use --data mnist:<dir>");
        if (source.StartsWith("mnist:", StringComparison.OrdinalIgnoreCase))
            return MnistFolder.Load(source[6..], Path.GetFileName(source[6..].TrimEnd('/')), null, missingHint: null);
        if (IsShards(source))
        {
            var (stream, test) = OpenShards(source);
            return (stream.Materialize(0, (int)Math.Min(StreamSample, stream.Count), stream.Manifest.Name), test);
        }
        if (source.StartsWith("csv:", StringComparison.OrdinalIgnoreCase))
        {
            var table = CsvTableReader.Read(source[4..], new CsvOptions { LabelColumn = options.LabelColumn });
            return HoldOut(table, options.TestFraction, options.SplitSeed);
        }
        if (Applications.SingleCell.CountData.IsCountSource(source))
            return Applications.SingleCell.CountData.LoadSplits(options);
        if (Applications.Chemistry.SmilesSource.Handles(source)) return Applications.Chemistry.SmilesData.Load(options);
        throw new VaeException($"--data: unknown data source '{source}'; use {Help}.");
    }

    static bool IsShards(string source) => source.StartsWith("shards:", StringComparison.OrdinalIgnoreCase);

    static (Data.Shards.ShardedDataset Train, Dataset Test) OpenShards(string source)
    {
        string dir = source[7..];
        var train = Data.Shards.ShardedDataset.Open(Path.Combine(dir, "train"));
        var testSet = Data.Shards.ShardedDataset.Open(Path.Combine(dir, "test"));
        if (testSet.Shape != train.Shape) throw new VaeException($"{dir}: the test shards hold {testSet.Shape} examples, the training shards {train.Shape}.");
        if (testSet.Count > int.MaxValue / Math.Max(1, testSet.Dimension)) throw new VaeException($"{dir}/test: too large to hold in memory; keep test splits below 2^31 values.");
        return (train, testSet.Materialize(0, (int)testSet.Count, testSet.Manifest.Name + " (test)"));
    }

    // The training rows are streamed; the validation split is the last --val-size rows of the training shards, held in memory.
    static DataSplits LoadShards(DataOptions options)
    {
        var (stream, test) = OpenShards(options.Source);
        long rows = stream.Count;
        Dataset? validation = null;
        if (options.ValidationSize > 0)
        {
            if (options.ValidationSize >= rows) throw new VaeException($"--val-size {options.ValidationSize}: the training set has only {rows} examples.");
            rows -= options.ValidationSize;
            validation = stream.Materialize(rows, options.ValidationSize, stream.Manifest.Name + " (validation)");
        }
        if (options.TrainLimit is int limit) rows = Math.Min(rows, limit);
        var sample = stream.Materialize(0, (int)Math.Min(StreamSample, rows), stream.Manifest.Name);
        return new DataSplits(sample, validation, test, stream, rows);
    }

    static DataSplits Split(Dataset train, Dataset test, DataOptions options)
    {
        Dataset? validation = null;
        if (options.ValidationSize > 0)
        {
            if (options.ValidationSize >= train.Count)
                throw new VaeException($"--val-size {options.ValidationSize}: the training set has only {train.Count} examples.");
            var order = Permutation(train.Count, options.SplitSeed);
            validation = train.Subset(order[..options.ValidationSize], train.Name + " (validation)");
            train = train.Subset(order[options.ValidationSize..].Order().ToArray(), train.Name);
        }
        return new DataSplits(train, validation, test);
    }

    static (Dataset, Dataset) HoldOut(Dataset table, double fraction, int seed)
    {
        var (train, test) = HoldOutRows(table.Count, fraction, seed, table.Name);
        return (table.Subset(train, table.Name), table.Subset(test, table.Name + " (test)"));
    }

    /// <summary>The rows of a single table held out as its test split (a fixed fraction chosen by the seed) and the rest, each in file order.</summary>
    internal static (int[] Train, int[] Test) HoldOutRows(int count, double fraction, int seed, string name)
    {
        int nTest = Math.Max(1, (int)Math.Round(count * fraction));
        if (nTest >= count) throw new VaeException($"{name}: {count} rows are too few to hold out a test split.");
        var order = Permutation(count, seed + 7919);
        return (order[nTest..].Order().ToArray(), order[..nTest].Order().ToArray());
    }

    internal static int[] Permutation(int n, int seed)
    {
        var order = Enumerable.Range(0, n).ToArray();
        new Random(seed).Shuffle(order);
        return order;
    }
}
