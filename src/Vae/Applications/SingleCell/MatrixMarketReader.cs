using System.Globalization;

namespace Vae.Applications.SingleCell;

/// <summary>
/// Reads a Matrix Market coordinate file (<c>%%MatrixMarket matrix coordinate integer|real|pattern general</c>),
/// plain or gzip-compressed, as 10x Genomics writes it: genes are the rows and cells the columns.
/// The result is transposed to cells × genes. Errors name the file and the line.
/// </summary>
public static class MatrixMarketReader
{
    public static SparseCounts ReadTransposed(string path)
    {
        using var reader = TextFiles.Open(path);
        int lineNo = 1;
        string? banner = reader.ReadLine();
        if (banner is null) throw new VaeException($"{path}: the file is empty.");
        var b = banner.Trim().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (b.Length < 5 || !b[0].Equals("%%MatrixMarket", StringComparison.OrdinalIgnoreCase) || !b[1].Equals("matrix", StringComparison.OrdinalIgnoreCase))
            throw new VaeException($"{path}: line 1: not a Matrix Market file (expected '%%MatrixMarket matrix coordinate integer general').");
        string format = b[2].ToLowerInvariant(), field = b[3].ToLowerInvariant(), symmetry = b[4].ToLowerInvariant();
        if (format != "coordinate") throw new VaeException($"{path}: line 1: only the sparse 'coordinate' format is supported, not '{b[2]}'.");
        if (field is not ("integer" or "real" or "pattern")) throw new VaeException($"{path}: line 1: the field '{b[3]}' is not supported (integer, real or pattern).");
        if (symmetry != "general") throw new VaeException($"{path}: line 1: only 'general' matrices are supported, not '{b[4]}'.");

        string? line;
        do { line = reader.ReadLine(); lineNo++; } while (line is not null && (line.StartsWith('%') || line.Trim().Length == 0));
        if (line is null) throw new VaeException($"{path}: no size line (rows columns entries) after the comments.");
        var size = Fields(line);
        if (size.Length != 3 || !int.TryParse(size[0], out int genes) || !int.TryParse(size[1], out int cells) || !long.TryParse(size[2], out long entries)
            || genes < 1 || cells < 1 || entries < 0 || entries > (long)genes * cells)
            throw new VaeException($"{path}: line {lineNo}: the size line must be three numbers 'rows columns entries' with entries ≤ rows·columns; found '{Shorten(line)}'.");
        if (entries > int.MaxValue) throw new VaeException($"{path}: line {lineNo}: {entries} entries are more than this reader holds ({int.MaxValue}).");

        int capacity = (int)Math.Min(entries, 1 << 27);   // the declared size (capped), so the lists need not grow by doubling
        var rowList = new List<int>(capacity);
        var colList = new List<int>(capacity);
        var valList = new List<float>(capacity);
        long read = 0;
        int expected = field == "pattern" ? 2 : 3;
        Span<Range> tokens = stackalloc Range[4];
        while ((line = reader.ReadLine()) is not null)
        {
            lineNo++;
            if (line.Length == 0 || line[0] == '%') continue;
            var span = line.AsSpan();
            int n = Tokenize(span, tokens);
            if (n == 0) continue;
            if (read == entries) throw new VaeException($"{path}: line {lineNo}: more entries than the {entries} the size line declares.");
            if (n != expected)
                throw new VaeException($"{path}: line {lineNo}: expected {(expected == 2 ? "'row column'" : "'row column value'")}, found '{Shorten(line)}'.");
            if (!int.TryParse(span[tokens[0]], NumberStyles.Integer, CultureInfo.InvariantCulture, out int g) || g < 1 || g > genes)
                throw new VaeException($"{path}: line {lineNo}: row index '{span[tokens[0]]}' is not between 1 and {genes}.");
            if (!int.TryParse(span[tokens[1]], NumberStyles.Integer, CultureInfo.InvariantCulture, out int c) || c < 1 || c > cells)
                throw new VaeException($"{path}: line {lineNo}: column index '{span[tokens[1]]}' is not between 1 and {cells}.");
            float v = 1;
            if (expected == 3)
            {
                if (!double.TryParse(span[tokens[2]], NumberStyles.Float, CultureInfo.InvariantCulture, out double dv) || !double.IsFinite(dv) || Math.Abs(dv) > float.MaxValue)
                    throw new VaeException($"{path}: line {lineNo}: the value '{span[tokens[2]]}' is not a finite number.");
                v = (float)dv;
                if (field == "integer" && dv != Math.Floor(dv))
                    throw new VaeException($"{path}: line {lineNo}: the value '{span[tokens[2]]}' is not an integer, but the header says 'integer'.");
            }
            rowList.Add(c - 1);
            colList.Add(g - 1);
            valList.Add(v);
            read++;
        }
        if (read < entries) throw new VaeException($"{path}: the size line declares {entries} entries but the file has {read} (truncated?).");
        return SparseCounts.FromTriplets(cells, genes, System.Runtime.InteropServices.CollectionsMarshal.AsSpan(rowList),
            System.Runtime.InteropServices.CollectionsMarshal.AsSpan(colList), System.Runtime.InteropServices.CollectionsMarshal.AsSpan(valList));
    }

    // Whitespace-separated tokens of a line; returns their number (ranges beyond the span's capacity are not stored).
    static int Tokenize(ReadOnlySpan<char> line, Span<Range> ranges)
    {
        int n = 0, i = 0;
        while (i < line.Length)
        {
            while (i < line.Length && char.IsWhiteSpace(line[i])) i++;
            if (i == line.Length) break;
            int start = i;
            while (i < line.Length && !char.IsWhiteSpace(line[i])) i++;
            if (n < ranges.Length) ranges[n] = start..i;
            n++;
        }
        return n;
    }

    static string[] Fields(string line) => line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);

    static string Shorten(string s) => s.Length <= 60 ? s : s[..60] + "…";
}
