namespace Vae.Applications.SingleCell;

/// <summary>
/// A table of per-cell annotations (cell type, batch, …) from a CSV or TSV with a header. The
/// barcode column is the one named <c>barcode</c> (or <c>cell</c>, <c>cell_id</c>), else the first
/// column. Values are kept as strings; <see cref="Join"/> aligns a column with a count matrix's cells.
/// </summary>
public sealed class CellMetadata : ICellColumns
{
    private readonly Dictionary<string, string[]> rows;
    private readonly string[] columns;

    private CellMetadata(string path, string[] columns, Dictionary<string, string[]> rows)
    {
        Path = path;
        this.columns = columns;
        this.rows = rows;
    }

    public string Path { get; }

    /// <summary>The column names, the barcode column first.</summary>
    public IReadOnlyList<string> Columns => columns;

    public int Count => rows.Count;

    /// <summary>The columns other than the barcode column.</summary>
    public IReadOnlyList<string> Names => columns[1..];

    public string[] Values(IReadOnlyList<string> barcodes, string key, string option) => Join(barcodes, key, option);

    public static CellMetadata Read(string path)
    {
        using var reader = TextFiles.Open(path);
        string? header = reader.ReadLine();
        if (header is null || header.Trim().Length == 0) throw new VaeException($"{path}: line 1: the file is empty (expected a header: barcode,cell_type,batch,…).");
        char sep = header.Contains('\t') ? '\t' : ',';
        var names = header.Split(sep).Select(h => h.Trim().Trim('"')).ToArray();
        int key = Array.FindIndex(names, n => n.ToLowerInvariant() is "barcode" or "barcodes" or "cell" or "cell_id");
        if (key < 0) key = 0;
        var order = new[] { key }.Concat(Enumerable.Range(0, names.Length).Where(i => i != key)).ToArray();
        var rows = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var lineOf = new Dictionary<string, int>(StringComparer.Ordinal);
        int lineNo = 1;
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNo++;
            if (line.Trim().Length == 0) continue;
            var cells = line.Split(sep).Select(c => c.Trim().Trim('"')).ToArray();
            if (cells.Length != names.Length)
                throw new VaeException($"{path}: line {lineNo} has {cells.Length} fields, but the header has {names.Length}.");
            string barcode = cells[key];
            if (barcode.Length == 0) throw new VaeException($"{path}: line {lineNo}: the barcode ('{names[key]}') is empty.");
            if (!lineOf.TryAdd(barcode, lineNo)) throw new VaeException($"{path}: line {lineNo}: the barcode {barcode} already appeared on line {lineOf[barcode]}.");
            rows[barcode] = order.Select(i => cells[i]).ToArray();
        }
        if (rows.Count == 0) throw new VaeException($"{path}: the file has a header but no cells.");
        return new CellMetadata(path, order.Select(i => names[i]).ToArray(), rows);
    }

    /// <summary>
    /// The values of column <paramref name="key"/> for each of <paramref name="barcodes"/>, in that order.
    /// Every barcode must have a row; extra rows in the metadata are ignored.
    /// </summary>
    public string[] Join(IReadOnlyList<string> barcodes, string key, string option = "--label-key")
    {
        int column = Array.FindIndex(columns, c => c.Equals(key, StringComparison.OrdinalIgnoreCase));
        if (column <= 0)
            throw new VaeException($"{option} {key}: {Path} has no such column (columns: {string.Join(", ", columns.Skip(1))}).");
        var values = new string[barcodes.Count];
        int missing = 0;
        string? firstMissing = null;
        for (int i = 0; i < barcodes.Count; i++)
        {
            if (rows.TryGetValue(barcodes[i], out var row)) values[i] = row[column];
            else { missing++; firstMissing ??= barcodes[i]; }
        }
        if (missing > 0)
            throw new VaeException($"{Path}: {missing} of {barcodes.Count} cells have no row here (the first is {firstMissing}); the barcodes must match those of the counts.");
        return values;
    }
}
