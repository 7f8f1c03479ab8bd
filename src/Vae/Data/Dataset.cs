namespace Vae.Data;

/// <summary>
/// An in-memory data set: <see cref="Count"/> examples of <see cref="Shape"/>, stored row-major as
/// floats, with optional integer labels. Pixel data is stored as probabilities in [0, 1].
/// </summary>
public sealed class Dataset
{
    public Dataset(string name, float[] features, DataShape shape, int[]? labels = null, IReadOnlyList<string>? classNames = null,
        float[]? conditions = null, int conditionSize = 0)
    {
        if (features.Length % shape.Size != 0)
            throw new ArgumentException($"{features.Length} values do not divide into examples of {shape.Size}.", nameof(features));
        Count = features.Length / shape.Size;
        if (labels is not null && labels.Length != Count)
            throw new ArgumentException($"{labels.Length} labels for {Count} examples.", nameof(labels));
        if ((conditions is null) != (conditionSize == 0) || conditions is not null && conditions.Length != Count * conditionSize)
            throw new ArgumentException($"conditions must hold {conditionSize} values for each of {Count} examples.", nameof(conditions));
        Conditions = conditions;
        ConditionSize = conditionSize;
        Name = name;
        Features = features;
        Shape = shape;
        Labels = labels;
        ClassNames = classNames;
        IsUnitInterval = Array.TrueForAll(features, v => v >= 0f && v <= 1f);
    }

    public string Name { get; }
    public float[] Features { get; }
    public DataShape Shape { get; }
    public int[]? Labels { get; }
    public IReadOnlyList<string>? ClassNames { get; }
    public int Count { get; }

    /// <summary>Per-example covariates c (row-major N×C), e.g. a one-hot batch label; null for none.</summary>
    public float[]? Conditions { get; }

    public int ConditionSize { get; }

    /// <summary>Per-example regression targets y (row-major N×P; NaN where unknown) that a property head learns from z; null for none. Not model inputs.</summary>
    public float[]? Targets
    {
        get;
        init => field = value is null || (Count > 0 ? value.Length % Count == 0 : value.Length == 0)
            ? value : throw new ArgumentException($"targets must hold the same number of values for each of {Count} examples.", nameof(Targets));
    }

    /// <summary>The names of the target columns (P of them).</summary>
    public IReadOnlyList<string>? TargetNames { get; init; }

    /// <summary>Targets per example (0 without targets).</summary>
    public int TargetSize => Targets is null || Count == 0 ? 0 : Targets.Length / Count;

    /// <summary>For token data (ids stored as floats): the token each id stands for; null otherwise.</summary>
    public IReadOnlyList<string>? Vocabulary { get; init; }
    public int Dimension => Shape.Size;

    /// <summary>All values lie in [0, 1], so they can be read as Bernoulli probabilities.</summary>
    public bool IsUnitInterval { get; }

    public ReadOnlySpan<float> Row(int i) => Features.AsSpan(i * Dimension, Dimension);

    /// <summary>The examples at <paramref name="indices"/>, in that order.</summary>
    public Dataset Subset(IReadOnlyList<int> indices, string? name = null) => Copy(indices, name, release: false);

    /// <summary>
    /// As <see cref="Subset"/> for rows in ascending order, from a data set that is dropped afterwards: the memory of this
    /// set's features goes back to the kernel as their rows are copied (Linux), so the two copies never both lie whole in
    /// memory. Splitting a validation set off Fashion-MNIST's 188 MB training images made the process's peak 172 MB higher
    /// without this. The features of this set read as zeros afterwards: call it only on a set nothing else holds.
    /// </summary>
    public Dataset SubsetReleasing(int[] ascending, string name)
    {
        for (int k = 1; k < ascending.Length; k++)
            if (ascending[k] <= ascending[k - 1]) throw new ArgumentException("rows must be in ascending order.", nameof(ascending));
        return Copy(ascending, name, release: true);
    }

    Dataset Copy(IReadOnlyList<int> indices, string? name, bool release)
    {
        int d = Dimension;
        var values = new float[indices.Count * d];
        var labels = Labels is null ? null : new int[indices.Count];
        int c = ConditionSize;
        var conditions = Conditions is null ? null : new float[indices.Count * c];
        using var source = release ? new PageRelease(Features) : null;
        for (int k = 0; k < indices.Count; k++)
        {
            int i = indices[k];
            if ((uint)i >= (uint)Count) throw new ArgumentOutOfRangeException(nameof(indices), i, $"index outside 0..{Count - 1}");
            Array.Copy(Features, (long)i * d, values, (long)k * d, d);
            if (labels is not null) labels[k] = Labels![i];
            if (conditions is not null) Array.Copy(Conditions!, (long)i * c, conditions, (long)k * c, c);
            source?.Done((long)(i + 1) * d);
        }
        int p = TargetSize;
        var targets = Targets is null ? null : new float[indices.Count * p];
        for (int k = 0; k < indices.Count && targets is not null; k++) Array.Copy(Targets!, (long)indices[k] * p, targets, (long)k * p, p);
        return new Dataset(name ?? Name, values, Shape, labels, ClassNames, conditions, c) { TargetNames = TargetNames, Targets = targets, Vocabulary = Vocabulary };
    }

    // Gives the pages of a float array back to the kernel as a copy moves past them (every 8 MB) and the rest at the end, keeping the array pinned meanwhile.
    sealed class PageRelease(float[] values) : IDisposable
    {
        const long Step = 8L << 20;
        System.Runtime.InteropServices.GCHandle pin = System.Runtime.InteropServices.GCHandle.Alloc(values, System.Runtime.InteropServices.GCHandleType.Pinned);
        long released, done;   // bytes from the array's start handed back, and no longer needed

        /// <summary>The first <paramref name="count"/> values are no longer needed.</summary>
        public void Done(long count)
        {
            done = count * sizeof(float);
            if (done - released >= Step) Release();
        }

        // Up to the last page boundary before `done`, so that the next release starts where this one ended.
        void Release()
        {
            long start = pin.AddrOfPinnedObject(), page = Environment.SystemPageSize;
            long end = (start + done) / page * page - start;
            if (end <= released) return;
            Runtime.ReleasePages((nint)(start + released), end - released);
            released = end;
        }

        // The whole array at the end: the rows after the last one copied are not needed either.
        public void Dispose()
        {
            done = (long)values.Length * sizeof(float);
            Release();
            pin.Free();
        }
    }

    /// <summary>The first <paramref name="n"/> examples (all of them when n ≥ Count).</summary>
    public Dataset Take(int n) => n >= Count ? this : Subset(Enumerable.Range(0, n).ToArray());

    /// <summary>A copy with every value replaced by a 0/1 draw with that probability (a fixed binarization).</summary>
    public Dataset Binarized(int seed)
    {
        if (!IsUnitInterval) throw new VaeException($"{Name}: binarization needs values in [0, 1].");
        var rng = new Random(seed);
        var values = new float[Features.Length];
        for (int i = 0; i < values.Length; i++) values[i] = rng.NextDouble() < Features[i] ? 1f : 0f;
        return WithFeatures(values);
    }

    /// <summary>The same examples with regression targets (row-major N×P) named <paramref name="names"/>.</summary>
    public Dataset WithTargets(float[] targets, IReadOnlyList<string> names)
    {
        if (targets.Length != Count * names.Count) throw new ArgumentException($"{targets.Length} target values for {Count} examples of {names.Count} targets.", nameof(targets));
        return new(Name, Features, Shape, Labels, ClassNames, Conditions, ConditionSize) { TargetNames = names, Targets = targets, Vocabulary = Vocabulary };
    }

    /// <summary>The same examples (labels, conditions) with other feature values.</summary>
    public Dataset WithFeatures(float[] values, DataShape? shape = null) =>
        new(Name, values, shape ?? Shape, Labels, ClassNames, Conditions, ConditionSize) { TargetNames = TargetNames, Targets = Targets, Vocabulary = Vocabulary };
}
