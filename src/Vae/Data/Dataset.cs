namespace Vae.Data;

/// <summary>
/// An in-memory data set: <see cref="Count"/> examples of <see cref="Shape"/>, stored row-major as
/// floats, with optional integer labels. Pixel data is stored as probabilities in [0, 1].
/// </summary>
public sealed class Dataset
{
    public Dataset(string name, float[] features, DataShape shape, int[]? labels = null, IReadOnlyList<string>? classNames = null)
    {
        if (features.Length % shape.Size != 0)
            throw new ArgumentException($"{features.Length} values do not divide into examples of {shape.Size}.", nameof(features));
        Count = features.Length / shape.Size;
        if (labels is not null && labels.Length != Count)
            throw new ArgumentException($"{labels.Length} labels for {Count} examples.", nameof(labels));
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
    public int Dimension => Shape.Size;

    /// <summary>All values lie in [0, 1], so they can be read as Bernoulli probabilities.</summary>
    public bool IsUnitInterval { get; }

    public ReadOnlySpan<float> Row(int i) => Features.AsSpan(i * Dimension, Dimension);

    /// <summary>The examples at <paramref name="indices"/>, in that order.</summary>
    public Dataset Subset(IReadOnlyList<int> indices, string? name = null)
    {
        int d = Dimension;
        var values = new float[indices.Count * d];
        var labels = Labels is null ? null : new int[indices.Count];
        for (int k = 0; k < indices.Count; k++)
        {
            int i = indices[k];
            if ((uint)i >= (uint)Count) throw new ArgumentOutOfRangeException(nameof(indices), i, $"index outside 0..{Count - 1}");
            Array.Copy(Features, (long)i * d, values, (long)k * d, d);
            if (labels is not null) labels[k] = Labels![i];
        }
        return new Dataset(name ?? Name, values, Shape, labels, ClassNames);
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
        return new Dataset(Name, values, Shape, Labels, ClassNames);
    }
}
