using System.Globalization;

namespace Vae.Applications.SingleCell;

/// <summary>
/// The 10x Genomics "filtered_feature_bc_matrix" folder: <c>matrix.mtx[.gz]</c> (genes × cells,
/// Matrix Market), <c>features.tsv[.gz]</c> (Cell Ranger ≥ 3: id, name, feature type) or
/// <c>genes.tsv[.gz]</c> (Cell Ranger 2: id, name), and <c>barcodes.tsv[.gz]</c> (one barcode per line).
/// </summary>
public static class TenXFolder
{
    public static CellCounts Read(string directory)
    {
        if (!Directory.Exists(directory)) throw new VaeException($"{directory}: folder not found (expected a 10x folder with matrix.mtx[.gz], features.tsv[.gz] or genes.tsv[.gz], barcodes.tsv[.gz]).");
        string matrix = TextFiles.Find(directory, "matrix.mtx.gz", "matrix.mtx")
            ?? throw new VaeException($"{directory}: no matrix.mtx or matrix.mtx.gz in this folder.");
        string features = TextFiles.Find(directory, "features.tsv.gz", "features.tsv", "genes.tsv.gz", "genes.tsv")
            ?? throw new VaeException($"{directory}: no features.tsv[.gz] or genes.tsv[.gz] in this folder.");
        string barcodesFile = TextFiles.Find(directory, "barcodes.tsv.gz", "barcodes.tsv")
            ?? throw new VaeException($"{directory}: no barcodes.tsv or barcodes.tsv.gz in this folder.");

        var counts = MatrixMarketReader.ReadTransposed(matrix);
        var (ids, names) = ReadFeatures(features);
        var barcodes = ReadBarcodes(barcodesFile);
        if (ids.Count != counts.Columns)
            throw new VaeException($"{features}: {ids.Count} features, but {Path.GetFileName(matrix)} has {counts.Columns} rows (genes).");
        if (barcodes.Count != counts.Rows)
            throw new VaeException($"{barcodesFile}: {barcodes.Count} barcodes, but {Path.GetFileName(matrix)} has {counts.Rows} columns (cells).");
        return new CellCounts(directory, counts, barcodes, ids, names);
    }

    static (List<string> Ids, List<string> Names) ReadFeatures(string path)
    {
        var ids = new List<string>();
        var names = new List<string>();
        using var reader = TextFiles.Open(path);
        int lineNo = 0;
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNo++;
            if (line.Length == 0) throw new VaeException($"{path}: line {lineNo} is empty (one feature per line: id, name[, type], tab-separated).");
            var f = line.Split('\t');
            if (f[0].Trim().Length == 0) throw new VaeException($"{path}: line {lineNo}: the feature id is empty.");
            ids.Add(f[0].Trim());
            names.Add(f.Length > 1 && f[1].Trim().Length > 0 ? f[1].Trim() : f[0].Trim());
        }
        if (ids.Count == 0) throw new VaeException($"{path}: the file is empty.");
        return (ids, names);
    }

    static List<string> ReadBarcodes(string path)
    {
        var barcodes = new List<string>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        using var reader = TextFiles.Open(path);
        int lineNo = 0;
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNo++;
            string barcode = line.Split('\t')[0].Trim();
            if (barcode.Length == 0) throw new VaeException($"{path}: line {lineNo} is empty (one barcode per line).");
            if (!seen.TryAdd(barcode, lineNo)) throw new VaeException($"{path}: line {lineNo}: the barcode {barcode} already appeared on line {seen[barcode]}.");
            barcodes.Add(barcode);
        }
        if (barcodes.Count == 0) throw new VaeException($"{path}: the file is empty.");
        return barcodes;
    }

    /// <summary>Writes <paramref name="data"/> as a Cell Ranger 3 folder (gzip-compressed; entries ordered by cell, as Cell Ranger does).</summary>
    public static void Write(string directory, CellCounts data)
    {
        Directory.CreateDirectory(directory);
        var inv = CultureInfo.InvariantCulture;
        var counts = data.Counts;
        TextFiles.WriteGzip(Path.Combine(directory, "matrix.mtx.gz"), w =>
        {
            w.WriteLine("%%MatrixMarket matrix coordinate integer general");
            w.WriteLine("%metadata_json: {\"software_version\": \"vae sc\", \"format_version\": 2}");
            w.WriteLine($"{data.Genes} {data.Cells} {counts.NonZeros}");
            for (int c = 0; c < data.Cells; c++)
            {
                var cols = counts.RowColumns(c);
                var vals = counts.RowValues(c);
                string cell = (c + 1).ToString(inv);
                for (int k = 0; k < cols.Length; k++)
                {
                    w.Write((cols[k] + 1).ToString(inv)); w.Write(' '); w.Write(cell); w.Write(' ');
                    w.WriteLine(vals[k].ToString("R", inv));
                }
            }
        });
        TextFiles.WriteGzip(Path.Combine(directory, "features.tsv.gz"), w =>
        {
            for (int g = 0; g < data.Genes; g++) w.WriteLine($"{data.GeneIds[g]}\t{data.GeneNames[g]}\tGene Expression");
        });
        TextFiles.WriteGzip(Path.Combine(directory, "barcodes.tsv.gz"), w =>
        {
            foreach (var b in data.Barcodes) w.WriteLine(b);
        });
    }
}
