using System.Globalization;
using PureHDF;

namespace Vae.Applications.SingleCell;

/// <summary>
/// An AnnData data frame (obs or var): its index (the dataset the <c>_index</c> attribute names, cell
/// barcodes or gene names) and its columns, read one at a time as strings. Columns may be categorical —
/// anndata ≥ 0.8 (a group with <c>categories</c> and <c>codes</c>; code −1 is a missing value) or the
/// 0.7 layout (codes in a dataset, categories in <c>__categories/NAME</c>) — strings, numbers or
/// booleans, or nullable integers/booleans (<c>values</c> and <c>mask</c>). A missing value is null.
/// </summary>
public sealed class H5adFrame
{
    readonly H5adFile file;

    H5adFrame(H5adFile file, string group, string[] index, string[] columns)
    {
        this.file = file;
        Group = group;
        Index = index;
        Columns = columns;
    }

    /// <summary>obs or var.</summary>
    public string Group { get; }

    /// <summary>The row names: cell barcodes (obs) or gene names (var).</summary>
    public IReadOnlyList<string> Index { get; }

    /// <summary>The column names, in the file's column-order.</summary>
    public IReadOnlyList<string> Columns { get; }

    public int Count => Index.Count;

    public static H5adFrame Read(H5adFile file, string group)
    {
        if (!file.Exists(group)) throw new VaeException($"{file.Path}: no {group} in this file (an AnnData file has obs and var data frames).");
        if (file.Get(group) is not IH5Group)
            throw file.Error(group, "is a dataset, not a group (the pre-0.7 compound-table layout is not supported; re-save the file with anndata ≥ 0.7)");
        string indexName = file.StringAttribute(group, "_index") ?? "_index";
        string indexPath = $"{group}/{indexName}";
        var index = Text(file, indexPath, file.Dataset(indexPath, $"the {group} names"));
        var order = file.StringsAttribute(group, "column-order");
        var columns = order.Length > 0 ? order
            : file.Children(group).Where(c => c != indexName && c != "__categories").ToArray();
        return new H5adFrame(file, group, index, columns);
    }

    /// <summary>The values of column <paramref name="name"/>, one per row; <paramref name="option"/> names the command-line option in errors.</summary>
    public string?[] Column(string name, string option)
    {
        string? column = Columns.FirstOrDefault(c => c.Equals(name, StringComparison.Ordinal))
            ?? Columns.FirstOrDefault(c => c.Equals(name, StringComparison.OrdinalIgnoreCase));
        if (column is null)
            throw new VaeException($"{option} {name}: {file.Path} has no such {Group} column ({Group} columns: {(Columns.Count == 0 ? "none" : string.Join(", ", Columns))}).");
        string path = $"{Group}/{column}";
        if (!file.Exists(path)) throw file.Error(path, "is listed in column-order but missing");
        var values = file.Get(path) switch
        {
            IH5Group g => GroupColumn(path, g),
            IH5Dataset d => DatasetColumn(path, d, column),
            _ => throw file.Error(path, "is neither a dataset nor a group"),
        };
        return values.Length == Count ? values : throw file.Error(path, $"has {values.Length:N0} values for {Count:N0} {Group} rows");
    }

    string?[] GroupColumn(string path, IH5Group group)
    {
        string? encoding = file.StringAttribute(path, "encoding-type");
        if (encoding == "categorical" || encoding is null && file.Exists($"{path}/codes"))
            return Categorical(path, $"{path}/codes", $"{path}/categories");
        if (encoding is "nullable-integer" or "nullable-boolean")
        {
            var values = Values(file, $"{path}/values", file.Dataset($"{path}/values", "the values"));
            var mask = file.Integers(file.Dataset($"{path}/mask", "the missing-value mask"), $"{path}/mask", 0, file.Length(file.Dataset($"{path}/mask", "mask"), $"{path}/mask"));
            if (mask.Length != values.Length) throw file.Error($"{path}/mask", $"has {mask.Length} entries for {values.Length} values");
            return values.Select((v, i) => mask[i] != 0 ? null : v).ToArray();
        }
        throw file.Error(path, $"is a group with encoding-type '{encoding ?? "(none)"}'; a column is a dataset, a categorical, or a nullable integer/boolean");
    }

    string?[] DatasetColumn(string path, IH5Dataset dataset, string column)
    {
        string legacy = $"{Group}/__categories/{column}";
        if (file.Exists(legacy)) return Categorical(path, path, legacy);
        return Values(file, path, dataset);
    }

    string?[] Categorical(string path, string codesPath, string categoriesPath)
    {
        var categoriesSet = file.Dataset(categoriesPath, "the categories");
        var categories = Values(file, categoriesPath, categoriesSet);
        var codesSet = file.Dataset(codesPath, "the category codes");
        var codes = file.Integers(codesSet, codesPath, 0, file.Length(codesSet, codesPath));
        var values = new string?[codes.Length];
        for (int i = 0; i < codes.Length; i++)
        {
            long c = codes[i];
            if (c < -1 || c >= categories.Length) throw file.Error(codesPath, $"entry {i} is {c}, outside the {categories.Length} categories of {path}");
            values[i] = c < 0 ? null : categories[c];
        }
        return values;
    }

    /// <summary>A 1-D dataset of strings, numbers or booleans as strings (numbers in invariant form, NaN as missing).</summary>
    static string?[] Values(H5adFile file, string path, IH5Dataset dataset)
    {
        var type = file.Guard(path, () => dataset.Type);
        if (H5adFile.IsText(type)) return Text(file, path, dataset);
        long n = file.Length(dataset, path);
        if (type.Class == H5DataTypeClass.Enumerated && type.Size == 1)
            return file.Integers(dataset, path, 0, n).Select(v => (string?)(v != 0 ? "True" : "False")).ToArray();
        if (type.Class == H5DataTypeClass.FixedPoint)
            return file.Integers(dataset, path, 0, n).Select(v => (string?)v.ToString(CultureInfo.InvariantCulture)).ToArray();
        if (type.Class == H5DataTypeClass.FloatingPoint)
            return file.Doubles(dataset, path, 0, n).Select(v => double.IsNaN(v) ? null : v.ToString("R", CultureInfo.InvariantCulture)).ToArray();
        throw file.Error(path, $"holds {type.Class} values; a column holds strings, numbers or booleans");
    }

    static string[] Text(H5adFile file, string path, IH5Dataset dataset)
    {
        var type = file.Guard(path, () => dataset.Type);
        if (H5adFile.IsText(type)) return file.Strings(dataset, path);
        return Values(file, path, dataset).Select(v => v ?? "nan").ToArray();
    }
}
