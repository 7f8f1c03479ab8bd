using System.Globalization;
using System.Text;
using Vae.IO;

namespace Vae.Data;

/// <summary>How to read a numeric table.</summary>
public sealed record CsvOptions
{
    /// <summary>Column holding the label (by header name, or by 0-based index); null for none.</summary>
    public string? LabelColumn { get; init; }

    /// <summary>Whether the first row is a header; null detects it (a first row with a non-number in it).</summary>
    public bool? HasHeader { get; init; }

    /// <summary>Field separator; null detects tab, semicolon or comma from the first line.</summary>
    public char? Delimiter { get; init; }

    public static CsvOptions Default { get; } = new();
}

/// <summary>
/// Reads a numeric table (one example per row) from CSV or TSV. Every cell but the label must be a
/// finite number; a label may be an integer or a name (names become classes in sorted order).
/// Errors name the file, the line and the column; a file that is not UTF-8 text is refused with the byte offset (<see cref="Utf8LineReader"/>).
/// </summary>
public static class CsvTableReader
{
    public static Dataset Read(string path, CsvOptions? options = null)
    {
        using var reader = Utf8LineReader.Open(path);
        return Read(reader.ReadLine, path, options ?? CsvOptions.Default);
    }

    /// <summary>Reads a table from text already in memory (<paramref name="name"/> names it in errors).</summary>
    public static Dataset Read(TextReader reader, string name, CsvOptions options) => Read(reader.ReadLine, name, options);

    static Dataset Read(Func<string?> reader, string name, CsvOptions options)
    {
        int lineNo = 0;
        string? first = NextLine(reader, ref lineNo);
        if (first is null) throw new VaeException($"{name}: the file is empty.");
        char sep = options.Delimiter ?? Detect(first);
        var firstCells = Split(first, sep, name, lineNo);
        bool header = options.HasHeader ?? firstCells.Any(c => !IsNumber(c));
        string[] names = header ? firstCells.Select(c => c.Trim()).ToArray() : firstCells.Select((_, i) => $"column{i}").ToArray();
        int labelIndex = ResolveLabel(options.LabelColumn, names, header, name);

        int columns = names.Length;
        var values = new List<float>();
        var rawLabels = new List<string>();
        string? line = header ? NextLine(reader, ref lineNo) : first;
        int rows = 0;
        int firstDataLine = header ? lineNo : 1;
        for (; line is not null; line = NextLine(reader, ref lineNo))
        {
            var cells = line == first && !header ? firstCells : Split(line, sep, name, lineNo);
            if (cells.Length != columns)
                throw new VaeException($"{name}: line {lineNo} has {cells.Length} fields, but {(header ? "the header" : "line 1")} has {columns} (ragged rows).");
            for (int c = 0; c < columns; c++)
            {
                if (c == labelIndex) { rawLabels.Add(cells[c].Trim()); continue; }
                values.Add(ParseCell(cells[c], name, lineNo, names[c]));
            }
            rows++;
        }
        if (rows == 0) throw new VaeException($"{name}: the file has a header but no data rows.");
        int features = columns - (labelIndex >= 0 ? 1 : 0);
        if (features == 0) throw new VaeException($"{name}: no feature columns besides the label.");

        var (labels, classes) = labelIndex >= 0 ? EncodeLabels(rawLabels) : (null, null);
        return new Dataset(Path.GetFileNameWithoutExtension(name), values.ToArray(), DataShape.Vector(features), labels, classes);
    }

    static float ParseCell(string cell, string name, int line, string column)
    {
        var s = cell.Trim();
        if (s.TrimStart('+', '-').ToLowerInvariant() is "nan" or "inf" or "infinity" or "∞")
            throw new VaeException($"{name}: line {line}, column '{column}': {s} is not a finite value (NaN and infinities are not allowed).");
        if (!double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double v))
            throw new VaeException($"{name}: line {line}, column '{column}': '{Shorten(s)}' is not a number.");
        if (!double.IsFinite(v) || Math.Abs(v) > float.MaxValue)
            throw new VaeException($"{name}: line {line}, column '{column}': {s} is not a finite value (NaN and infinities are not allowed).");
        return (float)v;
    }

    internal static int ResolveLabel(string? label, string[] names, bool header, string name)
    {
        if (string.IsNullOrEmpty(label)) return -1;
        int byName = Array.FindIndex(names, n => string.Equals(n, label, StringComparison.OrdinalIgnoreCase));
        if (header && byName >= 0) return byName;
        if (int.TryParse(label, NumberStyles.Integer, CultureInfo.InvariantCulture, out int index) && index >= 0 && index < names.Length)
            return index;
        throw new VaeException(header
            ? $"{name}: label column '{label}' does not exist (columns: {string.Join(", ", names.Take(12))}{(names.Length > 12 ? ", …" : "")})."
            : $"{name}: label column '{label}' does not exist (the file has no header and {names.Length} columns; give a 0-based index).");
    }

    internal static (int[] labels, IReadOnlyList<string>? classes) EncodeLabels(List<string> raw)
    {
        if (raw.All(s => int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out int v) && v >= 0))
            return (raw.Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray(), null);
        var classes = raw.Distinct().Order(StringComparer.Ordinal).ToArray();
        var index = classes.Select((c, i) => (c, i)).ToDictionary(t => t.c, t => t.i);
        return (raw.Select(s => index[s]).ToArray(), classes);
    }

    static string? NextLine(Func<string?> reader, ref int lineNo)
    {
        string? line;
        do { line = reader(); lineNo++; } while (line is not null && line.Trim().Length == 0);
        return line;
    }

    static char Detect(string line) => line.Contains('\t') ? '\t' : line.Contains(';') && !line.Contains(',') ? ';' : ',';

    static bool IsNumber(string cell) => double.TryParse(cell.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out _);

    static string Shorten(string s) => s.Length <= 40 ? s : s[..40] + "…";

    /// <summary>One line's cells, with double-quoted cells ("" inside them is a quote); an unclosed quote is an error naming the file and line.</summary>
    internal static string[] Split(string line, char sep, string name, int lineNo)
    {
        if (!line.Contains('"')) return line.Split(sep);
        var cells = new List<string>();
        var cell = new StringBuilder();
        bool quoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            char ch = line[i];
            if (quoted)
            {
                if (ch == '"' && i + 1 < line.Length && line[i + 1] == '"') { cell.Append('"'); i++; }
                else if (ch == '"') quoted = false;
                else cell.Append(ch);
            }
            else if (ch == '"') quoted = true;
            else if (ch == sep) { cells.Add(cell.ToString()); cell.Clear(); }
            else cell.Append(ch);
        }
        if (quoted) throw new VaeException($"{name}: line {lineNo} has an unclosed quote.");
        cells.Add(cell.ToString());
        return cells.ToArray();
    }
}
