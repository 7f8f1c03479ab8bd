using System.Globalization;

namespace Vae.Applications.SingleCell;

/// <summary>Per-cell results as CSV files (gzip-compressed when the name ends in .gz), one row per cell named by its barcode.</summary>
public static class CellTables
{
    static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>
    /// barcode, split (train or test), label and batch names (when known), then the columns of
    /// <paramref name="values"/> ([cells × names.Count], row-major).
    /// </summary>
    public static void Write(string path, ModelCells cells, float[] values, IReadOnlyList<string> names)
    {
        var data = cells.Data;
        int width = names.Count;
        if (values.LongLength != (long)data.Count * width) throw new ArgumentException($"{values.LongLength} values are not {data.Count} cells × {width}.", nameof(values));
        var isTest = data.IsTest();
        var barcodes = data.Cells.Counts.Barcodes;
        var header = new List<string> { "barcode", "split" };
        if (cells.Labels is not null) header.Add(cells.LabelKey ?? "label");
        if (cells.Batches is not null) header.Add(cells.BatchKey ?? "batch");
        header.AddRange(names);
        Write(path, w =>
        {
            w.WriteLine(string.Join(",", header.Select(Quote)));
            for (int c = 0; c < data.Count; c++)
            {
                w.Write(Quote(barcodes[c]));
                w.Write(isTest[c] ? ",test" : ",train");
                if (cells.Labels is not null) { w.Write(','); w.Write(Quote(cells.LabelNames![cells.Labels[c]])); }
                if (cells.Batches is not null) { w.Write(','); w.Write(Quote(cells.BatchNames![cells.Batches[c]])); }
                for (int j = 0; j < width; j++)
                {
                    w.Write(',');
                    w.Write(values[(long)c * width + j].ToString("G6", Inv));
                }
                w.WriteLine();
            }
        });
    }

    static void Write(string path, Action<TextWriter> write)
    {
        string? dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (dir is not null) Directory.CreateDirectory(dir);
        if (path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)) { TextFiles.WriteGzip(path, write); return; }
        Vae.IO.AtomicFile.Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
            write(writer);
        });
    }

    static string Quote(string s) => s.IndexOfAny([',', '"', '\n']) < 0 ? s : "\"" + s.Replace("\"", "\"\"") + "\"";
}
