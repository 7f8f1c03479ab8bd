namespace Vae.Data;

/// <summary>
/// The class label as a model's condition (a conditional VAE): one-hot rows of <see cref="DataOptions.ConditionClasses"/>
/// classes, given to the decoder (and the encoder) like any other per-example condition.
/// </summary>
public static class LabelConditions
{
    /// <summary>The splits with one-hot label conditions when <paramref name="options"/> asks for them; unchanged otherwise.</summary>
    public static (Dataset Train, Dataset Test) Apply((Dataset Train, Dataset Test) splits, DataOptions options)
    {
        if (options.ConditionClasses is not { } given) return splits;
        var names = given.Length > 0 ? given : ClassNames(splits.Train, splits.Test);
        return (OneHot(splits.Train, names), OneHot(splits.Test, names));
    }

    /// <summary>The one-hot condition of the class <paramref name="label"/> (an index 0..K−1 or a class name, case-insensitive) among <paramref name="classes"/>.</summary>
    public static float[] Row(IReadOnlyList<string> classes, string label)
    {
        int k = IndexOf(classes, label);
        var row = new float[classes.Count];
        row[k] = 1;
        return row;
    }

    /// <summary>The class <paramref name="label"/> names: its index, or a <see cref="VaeException"/> naming --label and the classes.</summary>
    public static int IndexOf(IReadOnlyList<string> classes, string label)
    {
        if (int.TryParse(label, out int k))
            return k >= 0 && k < classes.Count ? k : throw new VaeException($"--label {label}: out of range; the model has {classes.Count} classes, 0..{classes.Count - 1} ({Listed(classes)}).");
        int byName = classes.ToList().FindIndex(c => string.Equals(c, label, StringComparison.OrdinalIgnoreCase));
        return byName >= 0 ? byName : throw new VaeException($"--label {label}: no such class; use 0..{classes.Count - 1} or one of {Listed(classes)}.");
    }

    static string Listed(IReadOnlyList<string> classes) => string.Join(", ", classes.Select((c, i) => $"{i} {c}"));

    // The source's class names, or "0".."K−1" for labels without names.
    static string[] ClassNames(Dataset train, Dataset test)
    {
        if (train.Labels is null) throw new VaeException($"--condition label: {train.Name} has no class labels (for a table: --label-column).");
        if (train.ClassNames is { Count: > 0 } names) return [.. names];
        int k = train.Labels.Concat(test.Labels ?? []).Max() + 1;
        return [.. Enumerable.Range(0, k).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))];
    }

    static Dataset OneHot(Dataset data, string[] classes)
    {
        if (data.Labels is not { } labels) throw new VaeException($"--condition label: {data.Name} has no class labels (for a table: --label-column).");
        if (data.Conditions is not null) throw new VaeException($"--condition label: {data.Name} already gives the model conditions (a batch); it cannot also be conditioned on labels.");
        var conditions = new float[data.Count * classes.Length];
        for (int i = 0; i < data.Count; i++)
        {
            if ((uint)labels[i] >= (uint)classes.Length)
                throw new VaeException($"{data.Name}: label {labels[i]} of example {i} is outside the model's {classes.Length} classes.");
            conditions[i * classes.Length + labels[i]] = 1;
        }
        return new Dataset(data.Name, data.Features, data.Shape, labels, classes, conditions, classes.Length)
        {
            TargetNames = data.TargetNames, Targets = data.Targets, Vocabulary = data.Vocabulary,
        };
    }
}
