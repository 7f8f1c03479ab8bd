using Vae.Data.Shards;

namespace Vae.Data;

/// <summary>
/// Loads the data a <see cref="DataOptions"/> names and splits it. The source's scheme selects a
/// <see cref="DataSourceKind"/>: fashion-mnist, mnist:, csv: and shards: are built in; applications
/// register theirs (smiles:, 10x:, counts:) with <see cref="Register"/> when the library loads.
/// </summary>
public static class DataSources
{
    /// <summary>Where Debian's <c>dataset-fashion-mnist</c> package puts the files (overridable by VAE_FASHION_MNIST_DIR).</summary>
    public static string FashionMnistDirectory =>
        Environment.GetEnvironmentVariable("VAE_FASHION_MNIST_DIR") is { Length: > 0 } d ? d : "/usr/share/datasets/fashion-mnist";

    public static readonly IReadOnlyList<string> FashionMnistClasses =
        ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];

    const string MnistScheme = "mnist:";
    const string ShardsScheme = "shards:";

    static readonly Lock gate = new();
    static readonly List<DataSourceKind> kinds =
    [
        new(["fashion-mnist"], "fashion-mnist (default)", 0, _ =>
            MnistFolder.Load(FashionMnistDirectory, "fashion-mnist", FashionMnistClasses, missingHint:
                "install it with `apt-get install dataset-fashion-mnist` (`./vae demo` does this when run as root), or use --data mnist:<dir>")),
        new([MnistScheme], "mnist:<dir> (a folder of MNIST-format IDX files)", 10, o =>
        {
            string dir = FolderOf(o.Source);
            return MnistFolder.Load(dir, Path.GetFileName(dir.TrimEnd('/')), null, missingHint: null);
        }),
        new(["csv:"], "csv:<file> (one example per row)", 20, o =>
        {
            var table = CsvTableReader.Read(o.Source[4..], new CsvOptions { LabelColumn = o.LabelColumn });
            return HoldOut(table, o.TestFraction, o.SplitSeed);
        }),
        new([ShardsScheme], "shards:<dir> (written by `vae convert`, streamed from disk)", 90, o =>
        {
            var (stream, test) = OpenShards(o.Source);
            return (stream.Materialize(0, (int)Math.Min(StreamSample, stream.Count), stream.Manifest.Name), test);
        }),
    ];

    /// <summary>
    /// Adds a kind of data source (an application's). Call it from a <c>[ModuleInitializer]</c> so that
    /// it is registered before any entry point loads data; a scheme may be registered once.
    /// </summary>
    public static void Register(DataSourceKind kind)
    {
        lock (gate)
        {
            foreach (var scheme in kind.Schemes)
                if (kinds.Any(k => k.Schemes.Contains(scheme, StringComparer.OrdinalIgnoreCase)))
                    throw new InvalidOperationException($"The data source scheme '{scheme}' is registered twice.");
            kinds.Add(kind);
        }
    }

    /// <summary>The kinds of data source known, in the order <see cref="Help"/> lists them.</summary>
    public static IReadOnlyList<DataSourceKind> Kinds
    {
        get { lock (gate) return kinds.OrderBy(k => k.ListOrder).ToList(); }
    }

    /// <summary>The accepted sources, for messages: "fashion-mnist (default), mnist:&lt;dir&gt; (…), …".</summary>
    public static string Help => string.Join(", ", Kinds.Select(k => k.Help));

    /// <summary>The kind of data source <paramref name="source"/> names, or null.</summary>
    public static DataSourceKind? Find(string source) => Kinds.FirstOrDefault(k => k.Handles(source));

    /// <summary>The source that names the MNIST-format folder <paramref name="directory"/>: <c>mnist:&lt;dir&gt;</c>.</summary>
    public static string MnistSource(string directory) => MnistScheme + directory;

    /// <summary>The folder an <c>mnist:&lt;dir&gt;</c> source names, or null for any other source.</summary>
    public static string? MnistDirectory(string source) =>
        DataSourceKind.Names(MnistScheme, source) ? source[MnistScheme.Length..] : null;

    /// <summary>The folder a source names: the folder of <c>mnist:&lt;dir&gt;</c>, else the source itself (a plain folder).</summary>
    public static string FolderOf(string source) => MnistDirectory(source) ?? source;

    /// <summary>Rows of a streamed training set kept in memory as its sample (for checks and diagnostics).</summary>
    public const int StreamSample = 10_000;

    public static DataSplits Load(DataOptions options)
    {
        if (IsShards(options.Source)) return LoadShards(options);
        if (Find(options.Source)?.LoadSplits?.Invoke(options) is { } own) return own;
        var (train, test) = LoadRaw(options);
        // --train-size: the rows kept are copied and the loaded set, dropped here, gives its memory back as they are.
        if (options.TrainLimit is int limit && limit < train.Count) train = train.SubsetReleasing([.. Enumerable.Range(0, limit)], train.Name);
        return Split(train, test, options);
    }

    /// <summary>The training and test sets as the source provides them, before validation split and binarization.</summary>
    public static (Dataset Train, Dataset Test) LoadRaw(DataOptions options) =>
        LabelConditions.Apply((Find(options.Source) ?? throw new VaeException($"--data: unknown data source '{options.Source}'; use {Help}.")).Load(options), options);

    static bool IsShards(string source) => DataSourceKind.Names(ShardsScheme, source);

    static (ShardedDataset Train, Dataset Test) OpenShards(string source)
    {
        string dir = source[ShardsScheme.Length..];
        var train = ShardedDataset.Open(Path.Combine(dir, "train"));
        var testSet = ShardedDataset.Open(Path.Combine(dir, "test"));
        if (testSet.Shape != train.Shape) throw new VaeException($"{dir}: the test shards hold {testSet.Shape} examples, the training shards {train.Shape}.");
        if (testSet.Count > int.MaxValue / Math.Max(1, testSet.Dimension)) throw new VaeException($"{dir}/test: too large to hold in memory; keep test splits below 2^31 values.");
        return (train, testSet.Materialize(0, (int)testSet.Count, testSet.Manifest.Name + " (test)"));
    }

    // The training rows are streamed; the validation split is the last --val-size rows of the training shards, held in memory.
    static DataSplits LoadShards(DataOptions options)
    {
        if (options.ConditionClasses is not null) throw new VaeException("--condition label: a streamed (sharded) data set cannot be conditioned on its labels.");
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
            // The set loaded here is dropped after the split, so its memory is given back as its rows are copied.
            train = train.SubsetReleasing(order[options.ValidationSize..].Order().ToArray(), train.Name);
        }
        return new DataSplits(train, validation, test);
    }

    /// <summary>
    /// The test split held out of a single table just read (<paramref name="fraction"/> of its rows, chosen by the seed), and
    /// the rest. The table's memory goes back as its training rows are copied (<see cref="Dataset.SubsetReleasing"/>), so
    /// pass a table nothing else holds: a 983 MB NPY file no longer needs twice that to be split.
    /// </summary>
    internal static (Dataset Train, Dataset Test) HoldOut(Dataset table, double fraction, int seed)
    {
        var (train, test) = HoldOutRows(table.Count, fraction, seed, table.Name);
        var testSet = table.Subset(test, table.Name + " (test)");
        return (table.SubsetReleasing(train, table.Name), testSet);
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
