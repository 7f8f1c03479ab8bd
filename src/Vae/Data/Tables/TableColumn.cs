namespace Vae.Data.Tables;

/// <summary>
/// One column of a table as a reader found it: numbers (any numeric or boolean type, as float64) or
/// text (strings, categories). Nulls are refused by the reader that meets them, so every row has a value.
/// </summary>
/// <param name="Name">The column's name in the file.</param>
/// <param name="Type">Its type as the file declares it (for messages), e.g. <c>int64</c>, <c>string</c>.</param>
/// <param name="Numbers">One value per row, or null for a text column.</param>
/// <param name="Texts">One string per row, or null for a numeric column.</param>
public sealed record TableColumn(string Name, string Type, double[]? Numbers, string[]? Texts)
{
    public int Rows => Numbers?.Length ?? Texts!.Length;

    /// <summary>The error for a null: names the file, the column and the row.</summary>
    public static VaeException NullError(string file, string column, long row) =>
        new($"{file}: column '{column}', row {row} (counting from 0): a null (missing) value; nulls are not allowed, drop or fill them first.");
}

/// <summary>
/// Turns the columns of a table (Parquet, Arrow) into a data set the way the CSV reader does: the label
/// column (by name, or 0-based index) becomes integer labels (non-negative integers as they are, any
/// other values as class names in sorted order); every other column is a feature and must be numeric,
/// finite and within float32's range.
/// </summary>
public static class TableBuilder
{
    public static Dataset Build(string file, IReadOnlyList<TableColumn> columns, string? labelColumn)
    {
        if (columns.Count == 0) throw new VaeException($"{file}: the table has no columns.");
        int rows = columns[0].Rows;
        if (rows == 0) throw new VaeException($"{file}: the table has no rows.");
        if (columns.FirstOrDefault(c => c.Rows != rows) is { } ragged) throw new VaeException($"{file}: column '{ragged.Name}' has {ragged.Rows} rows, column '{columns[0].Name}' {rows}.");
        var names = columns.Select(c => c.Name).ToArray();
        int label = CsvTableReader.ResolveLabel(labelColumn, names, header: true, file);
        var features = columns.Where((_, i) => i != label).ToArray();
        if (features.Length == 0) throw new VaeException($"{file}: no feature columns besides the label.");
        if ((long)rows * features.Length > Array.MaxLength) throw new VaeException($"{file}: {rows} rows × {features.Length} columns are more values than one array in memory can hold.");
        var values = new float[rows * features.Length];
        for (int c = 0; c < features.Length; c++)
        {
            var numbers = features[c].Numbers ?? throw new VaeException(
                $"{file}: column '{features[c].Name}' holds text ({features[c].Type}), not numbers; only the label column (--label-column) may hold text.");
            for (int r = 0; r < rows; r++)
            {
                double v = numbers[r];
                if (!double.IsFinite(v) || Math.Abs(v) > float.MaxValue)
                    throw new VaeException($"{file}: column '{features[c].Name}', row {r} (counting from 0): {Format(v)} is not a finite float32 value (NaN, infinities and values beyond ±3.4e38 are not allowed).");
                values[r * features.Length + c] = (float)v;
            }
        }
        var (labels, classes) = label >= 0 ? Labels(columns[label]) : (null, null);
        return new Dataset(Path.GetFileNameWithoutExtension(file), values, DataShape.Vector(features.Length), labels, classes);
    }

    /// <summary>
    /// Labels from a column: non-negative integers are used as they are; any other values (text, negative
    /// or fractional numbers) become classes in sorted order, as the CSV reader does.
    /// </summary>
    public static (int[] Labels, IReadOnlyList<string>? Classes) Labels(TableColumn column) =>
        CsvTableReader.EncodeLabels(column.Texts?.ToList() ?? column.Numbers!.Select(Format).ToList());

    static string Format(double v) => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The test split held out of a table just read, as <c>csv:</c> does (the fraction and seed of the options); the table is used up.</summary>
    public static (Dataset Train, Dataset Test) HoldOut(Dataset table, DataOptions options) =>
        DataSources.HoldOut(table, options.TestFraction, options.SplitSeed);
}
