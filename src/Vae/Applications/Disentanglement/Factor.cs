namespace Vae.Applications.Disentanglement;

/// <summary>
/// One generative factor of a <see cref="FactorDataset"/>: its name and the values it takes
/// (index <c>i</c> of the factor means value <c>Values[i]</c>); categorical factors also name
/// their categories.
/// </summary>
public sealed record Factor
{
    public Factor(string name, double[] values, IReadOnlyList<string>? labels = null)
    {
        if (values.Length < 1) throw new ArgumentException($"{name}: a factor needs at least one value.", nameof(values));
        if (labels is not null && labels.Count != values.Length)
            throw new ArgumentException($"{name}: {labels.Count} labels for {values.Length} values.", nameof(labels));
        Name = name;
        Values = values;
        Labels = labels;
    }

    public string Name { get; }
    public double[] Values { get; }
    public IReadOnlyList<string>? Labels { get; }
    public int Count => Values.Length;

    /// <summary>A categorical factor: value i is i, named by <paramref name="labels"/>.</summary>
    public static Factor Categorical(string name, params string[] labels) =>
        new(name, Enumerable.Range(0, labels.Length).Select(i => (double)i).ToArray(), labels);

    /// <summary><paramref name="count"/> evenly spaced values from <paramref name="first"/> to <paramref name="last"/> (both included).</summary>
    public static Factor Linear(string name, double first, double last, int count) =>
        new(name, Enumerable.Range(0, count).Select(i => count == 1 ? first : first + (last - first) * i / (count - 1)).ToArray());

    /// <summary><paramref name="count"/> angles k·2π/count, k = 0 … count−1 (the full turn excluded).</summary>
    public static Factor Angles(string name, int count) =>
        new(name, Enumerable.Range(0, count).Select(k => 2 * Math.PI * k / count).ToArray());

    /// <summary>The value of index <paramref name="i"/> as text (the label of a category).</summary>
    public string Describe(int i) => Labels?[i] ?? Values[i].ToString("R", System.Globalization.CultureInfo.InvariantCulture);
}
