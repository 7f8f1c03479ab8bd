using Vae.Data;
using static TorchSharp.torch;

namespace Vae.Applications.Chemistry;

/// <summary>
/// <c>--augment randomized</c> (Bjerrum 2017): the training molecules of a <c>smiles:</c> source in a new random
/// spelling every epoch, written by <see cref="CanonicalSmiles.WriteRandom"/> (random start atom, branch order and
/// ring closures). The epoch's spellings come from a seed drawn from the trainer's batch-order generator after the
/// order, and molecule i's spelling from (seed, i) alone, so an epoch restarted from its saved generator state (a
/// resumed run) sees the same spellings, bit for bit. A spelling longer than <c>--max-tokens</c> or with a token the
/// vocabulary lacks is drawn again (up to <see cref="Attempts"/> times), then the molecule keeps its file spelling.
/// The vocabulary (when not given) is built from the file spellings and one random spelling of each training molecule.
/// Validation and test molecules keep their file spellings.
/// </summary>
public sealed class RandomizedSmiles : IStreamedTrainingSet
{
    public const int Attempts = 8;

    readonly Molecule[] molecules;
    readonly string[] fileSpellings;
    readonly float[]? targets;
    readonly int targetSize;

    RandomizedSmiles(MoleculeSet train, SmilesVocabulary vocabulary, int maxTokens, float[]? targets, int targetSize)
    {
        fileSpellings = [.. train.Smiles];
        molecules = train.Smiles.Select(s => SmilesChecker.Check(s).ValidMolecule).ToArray();
        Vocabulary = vocabulary;
        MaxTokens = maxTokens;
        this.targets = targets;
        this.targetSize = targetSize;
    }

    public SmilesVocabulary Vocabulary { get; }
    public int MaxTokens { get; }
    public long Count => molecules.Length;

    /// <summary>The splits of an augmented <c>smiles:</c> source (null when <see cref="DataOptions.Augment"/> is none).</summary>
    public static DataSplits? LoadSplits(DataOptions options)
    {
        if (options.Augment == Augmentation.None) return null;
        var read = SmilesData.Read(options);
        var train = read.Train;
        if (options.TrainLimit is int limit) train = train.Take(limit);
        MoleculeSet? validation = null;
        if (options.ValidationSize > 0)
        {
            if (options.ValidationSize >= train.Count)
                throw new VaeException($"--val-size {options.ValidationSize}: the training set has only {train.Count} examples.");
            var order = DataSources.Permutation(train.Count, options.SplitSeed);
            validation = train.Subset(order[..options.ValidationSize], train.Name + " (validation)");
            train = train.Subset(order[options.ValidationSize..].Order().ToArray());
        }
        var vocabulary = options.Vocabulary is { } tokens ? SmilesVocabulary.FromTokens(tokens, options.Tokens)
            : SmilesVocabulary.Build(train.Smiles.Concat(OneSpellingEach(train.Smiles, options.SplitSeed)), options.Tokens);
        var targetNames = options.Targets;
        var trainData = SmilesData.ToDataset(train, vocabulary, options.MaxTokens, targetNames);
        var streamed = new RandomizedSmiles(train, vocabulary, options.MaxTokens, trainData.Targets, trainData.TargetSize);
        return new DataSplits(trainData,
            validation is null ? null : SmilesData.ToDataset(validation, vocabulary, options.MaxTokens, targetNames, validation.Name),
            SmilesData.ToDataset(read.Test, vocabulary, options.MaxTokens, targetNames, read.Test.Name),
            Streamed: streamed);
    }

    static IEnumerable<string> OneSpellingEach(IReadOnlyList<string> smiles, int seed) =>
        smiles.Select((s, i) => CanonicalSmiles.WriteRandom(SmilesChecker.Check(s).ValidMolecule, new Random(HashCode(seed, i))));

    // A fixed mix of the epoch's seed and the molecule's index (not string.GetHashCode, which varies by process).
    static int HashCode(long seed, int i)
    {
        ulong x = (ulong)seed * 0x9E3779B97F4A7C15UL + (ulong)i * 0xBF58476D1CE4E5B9UL;
        x ^= x >> 31; x *= 0x94D049BB133111EBUL; x ^= x >> 29;
        return (int)(x & 0x7FFFFFFF);
    }

    /// <summary>The spellings of one epoch with seed <paramref name="seed"/>, and how many molecules kept their file spelling.</summary>
    public (string[] Spellings, int Fallbacks) Spell(long seed)
    {
        var spellings = new string[molecules.Length];
        int fallbacks = 0;
        Parallel.For(0, molecules.Length, i =>
        {
            var random = new Random(HashCode(seed, i));
            for (int attempt = 0; attempt < Attempts; attempt++)
            {
                string s = CanonicalSmiles.WriteRandom(molecules[i], random);
                var ids = Vocabulary.Encode(s);
                if (ids.Length <= MaxTokens && !ids.Contains(SmilesVocabulary.UnknownId)) { spellings[i] = s; return; }
            }
            spellings[i] = fileSpellings[i];
            Interlocked.Increment(ref fallbacks);
        });
        return (spellings, fallbacks);
    }

    public IBatchSource Open(Device device, int batchSize) => new Batches(this, device, batchSize);

    sealed class Batches(RandomizedSmiles set, Device device, int batchSize) : IBatchSource
    {
        public long Count => set.Count;
        public int BatchesPerEpoch => (int)((Count + batchSize - 1) / batchSize);

        // the order first, then the spellings' seed: both from the epoch's start state of the generator
        public IEpochBatches Epoch(Generator shuffle)
        {
            long[] order;
            using (var perm = randperm(Count, generator: shuffle)) order = perm.data<long>().ToArray();
            long seed;
            using (var drawn = randint(int.MaxValue, [1], dtype: ScalarType.Int64, generator: shuffle)) seed = drawn.item<long>();
            var (spellings, _) = set.Spell(seed);
            var rows = EncodedMolecules.Encode(set.Vocabulary, spellings, set.MaxTokens).ToDataset("randomized", set.Vocabulary);
            return new Epochs(set, rows, order, device, batchSize);
        }

        public void Dispose() { }
    }

    // Each batch is copied out of the epoch's rows into fresh tensors, inside the trainer's step scope.
    sealed class Epochs(RandomizedSmiles set, Dataset rows, long[] order, Device device, int batchSize) : IEpochBatches
    {
        public int Batches => (int)((order.Length + batchSize - 1) / batchSize);

        public Batch Batch(int index)
        {
            int start = index * batchSize, n = Math.Min(batchSize, order.Length - start), width = rows.Dimension;
            var x = new float[n * width];
            var y = set.targets is null ? null : new float[n * set.targetSize];
            for (int i = 0; i < n; i++)
            {
                int row = (int)order[start + i];
                rows.Row(row).CopyTo(x.AsSpan(i * width, width));
                if (y is not null) Array.Copy(set.targets!, row * set.targetSize, y, i * set.targetSize, set.targetSize);
            }
            return new Batch(tensor(x, [n, width]).to(device), null, y is null ? null : tensor(y, [n, set.targetSize]).to(device));
        }

        public void Dispose() { }
    }
}
