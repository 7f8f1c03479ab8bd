using System.Globalization;

namespace Vae.Applications.SingleCell;

/// <summary>
/// Reads a dense counts table, cells × genes, from CSV or TSV (plain or gzip): a header row naming
/// the genes, then one row per cell. The first column holds the cell barcodes when its header is
/// empty, <c>barcode</c>, <c>cell</c> or <c>cell_id</c>, or when its first value is not a number;
/// otherwise cells are named <c>cell1, cell2, …</c>. The table is stored sparse as it is read.
/// </summary>
public static class DenseCountsCsv
{
    static readonly string[] BarcodeHeaders = ["", "barcode", "barcodes", "cell", "cell_id", "cells", "index"];

    public static CellCounts Read(string path)
    {
        using var reader = TextFiles.Open(path);
        int lineNo = 1;
        string? header = reader.ReadLine();
        if (header is null || header.Trim().Length == 0) throw new VaeException($"{path}: line 1: the file is empty (expected a header naming the genes).");
        char sep = header.Contains('\t') ? '\t' : ',';
        var names = header.Split(sep).Select(h => h.Trim().Trim('"')).ToArray();

        string? line = reader.ReadLine();
        lineNo++;
        if (line is null) throw new VaeException($"{path}: the file has a header but no cells.");
        var first = line.Split(sep);
        bool hasBarcodes = BarcodeHeaders.Contains(names[0].ToLowerInvariant())
            || !double.TryParse(first[0], NumberStyles.Float, CultureInfo.InvariantCulture, out _);
        var genes = hasBarcodes ? names[1..] : names;
        if (genes.Length == 0) throw new VaeException($"{path}: line 1: no gene columns.");
        var duplicate = genes.GroupBy(g => g).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new VaeException($"{path}: line 1: the gene '{duplicate.Key}' is named twice.");

        var builder = new SparseCountsBuilder(genes.Length);
        var barcodes = new List<string>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var row = new float[genes.Length];
        for (; line is not null; line = reader.ReadLine(), lineNo++)
        {
            if (line.Trim().Length == 0) continue;
            var cells = line.Split(sep);
            if (cells.Length != names.Length)
                throw new VaeException($"{path}: line {lineNo} has {cells.Length} fields, but the header has {names.Length}.");
            int offset = hasBarcodes ? 1 : 0;
            string barcode = hasBarcodes ? cells[0].Trim().Trim('"') : $"cell{barcodes.Count + 1}";
            if (!seen.TryAdd(barcode, lineNo)) throw new VaeException($"{path}: line {lineNo}: the barcode {barcode} already appeared on line {seen[barcode]}.");
            for (int j = 0; j < genes.Length; j++)
            {
                var s = cells[j + offset].AsSpan().Trim();
                if (!double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || !double.IsFinite(v) || Math.Abs(v) > float.MaxValue)
                    throw new VaeException($"{path}: line {lineNo}, column '{genes[j]}': '{s}' is not a finite number.");
                row[j] = (float)v;
            }
            builder.AddDenseRow(row);
            barcodes.Add(barcode);
        }
        return new CellCounts(path, builder.Build(), barcodes, genes);
    }
}
