using System.Globalization;
using Vae.IO;

namespace Vae.Applications.Chemistry;

/// <summary>
/// Reads molecules from <c>.smi</c> files (SMILES, then an optional name, separated by spaces or a
/// tab) and from <c>.csv</c>/<c>.tsv</c> tables with a SMILES column and optional numeric property
/// columns. Lines starting with '#' before the data are comments. A table's SMILES column is the
/// one named by <c>column</c> (header name or 0-based index), else the one whose header contains
/// "smiles", else the first. A header row is recognised by the column name, or by a first cell
/// that is not SMILES above a second that is. Other columns whose cells are all numbers (or empty)
/// become properties; the first other column becomes the identifier. A file that is not UTF-8 text is
/// refused with the byte offset (<see cref="Utf8LineReader"/>). SDF and .mol files (V2000) give each record's canonical SMILES
/// (<see cref="Molfiles.SdfReader"/>).
/// </summary>
public static class SmilesFileReader
{
    public static MoleculeSet Read(string path, string? column = null)
    {
        if (Molfiles.SdfReader.IsMolfile(path)) return ReadMolfiles(path, column);
        var lines = Utf8Text.ReadLines(path).Select((text, i) => (Text: text, Line: i + 1))
            .Where(l => l.Text.Trim().Length > 0).SkipWhile(l => l.Text.TrimStart().StartsWith('#')).ToList();
        if (lines.Count == 0) throw new VaeException($"{path}: no molecules in the file.");
        string ext = Path.GetExtension(path).ToLowerInvariant();
        string name = Path.GetFileNameWithoutExtension(path);
        return ext is ".csv" or ".tsv"
            ? ReadTable(lines, ext == ".tsv" || (lines[0].Text.Contains('\t') && !lines[0].Text.Contains(',')) ? '\t' : ',', column, name, path)
            : ReadSmi(lines, column, name, path);
    }

    // An SDF or .mol file: each record's canonical SMILES (records the checker rejects are left out); a record that
    // cannot be read at all refuses the file with its line.
    static MoleculeSet ReadMolfiles(string path, string? column)
    {
        if (column is not null) throw new VaeException($"{path}: an SDF file has no SMILES column to choose ('{column}').");
        var smiles = new List<string>();
        var ids = new List<string?>();
        foreach (var (title, molecule) in Molfiles.SdfReader.Read(path))
        {
            if (Molfiles.MolfileSmiles.Canonical(molecule, title).Smiles is not { } s) continue;
            smiles.Add(s);
            ids.Add(title.Length > 0 ? title : null);
        }
        if (smiles.Count == 0) throw new VaeException($"{path}: no valid molecule in the file.");
        return new MoleculeSet(Path.GetFileNameWithoutExtension(path), smiles, ids, [], []);
    }

    static MoleculeSet ReadSmi(List<(string Text, int Line)> lines, string? column, string name, string path)
    {
        if (column is not null && column != "0" && !column.Equals("smiles", StringComparison.OrdinalIgnoreCase))
            throw new VaeException($"{path}: a .smi file has the SMILES first on each line; a column ('{column}') can only be chosen in a .csv or .tsv file.");
        var smiles = new List<string>();
        var ids = new List<string?>();
        foreach (var (text, line) in lines)
        {
            var fields = text.Trim().Split([' ', '\t'], 2, StringSplitOptions.RemoveEmptyEntries);
            if (smiles.Count == 0 && fields[0].Equals("smiles", StringComparison.OrdinalIgnoreCase)) continue; // header
            smiles.Add(fields[0]);
            ids.Add(fields.Length > 1 ? fields[1].Trim() : null);
        }
        if (smiles.Count == 0) throw new VaeException($"{path}: no molecules in the file.");
        return new MoleculeSet(name, smiles, ids, [], []);
    }

    static MoleculeSet ReadTable(List<(string Text, int Line)> lines, char sep, string? column, string name, string path)
    {
        var rows = lines.Select(l => (Cells: Data.CsvTableReader.Split(l.Text, sep, path, l.Line), l.Line)).ToList();
        int width = rows[0].Cells.Length;
        int smilesColumn = ChooseColumn(rows[0].Cells, column, path, out bool headerByName);
        bool header = headerByName || (rows.Count > 1 && !LooksLikeSmiles(rows[0].Cells[smilesColumn])
            && smilesColumn < rows[1].Cells.Length && LooksLikeSmiles(rows[1].Cells[smilesColumn]));
        string[] names = header ? rows[0].Cells.Select(c => c.Trim()).ToArray() : Enumerable.Range(0, width).Select(i => $"column{i}").ToArray();
        var data = header ? rows.Skip(1).ToList() : rows;
        if (data.Count == 0) throw new VaeException($"{path}: the file has a header but no molecules.");
        foreach (var (cells, line) in data)
        {
            if (cells.Length != width)
                throw new VaeException($"{path}: line {line} has {cells.Length} fields, but {(header ? "the header" : "the first line")} has {width}.");
            if (cells[smilesColumn].Trim().Length == 0) throw new VaeException($"{path}: line {line}: the SMILES cell is empty.");
        }
        var others = Enumerable.Range(0, width).Where(c => c != smilesColumn).ToList();
        var numeric = others.Where(c => data.All(r => r.Cells[c].Trim().Length == 0 || IsNumber(r.Cells[c]))
            && data.Any(r => r.Cells[c].Trim().Length > 0)).ToList();
        int idColumn = others.Except(numeric).DefaultIfEmpty(-1).First();
        var props = new double[data.Count * numeric.Count];
        for (int r = 0; r < data.Count; r++)
            for (int p = 0; p < numeric.Count; p++)
            {
                string cell = data[r].Cells[numeric[p]].Trim();
                props[r * numeric.Count + p] = cell.Length == 0 ? double.NaN : double.Parse(cell, NumberStyles.Float, CultureInfo.InvariantCulture);
            }
        return new MoleculeSet(name,
            data.Select(r => r.Cells[smilesColumn].Trim()).ToArray(),
            data.Select(r => idColumn >= 0 ? r.Cells[idColumn].Trim() : null).ToArray(),
            numeric.Select(c => names[c]).ToArray(), props);
    }

    static int ChooseColumn(string[] first, string? column, string path, out bool headerByName)
    {
        headerByName = false;
        var trimmed = first.Select(c => c.Trim()).ToArray();
        if (column is not null)
        {
            int byName = Array.FindIndex(trimmed, c => c.Equals(column, StringComparison.OrdinalIgnoreCase));
            if (byName >= 0) { headerByName = true; return byName; }
            if (int.TryParse(column, NumberStyles.Integer, CultureInfo.InvariantCulture, out int index) && index >= 0 && index < first.Length)
                return index;
            throw new VaeException($"{path}: no column '{column}' (the first line has {string.Join(", ", trimmed.Take(12))}; give a header name or a 0-based index).");
        }
        int named = Array.FindIndex(trimmed, c => c.Contains("smiles", StringComparison.OrdinalIgnoreCase));
        if (named >= 0) { headerByName = true; return named; }
        return 0;
    }

    static bool LooksLikeSmiles(string cell)
    {
        try { SmilesParser.Parse(cell.Trim()); return true; }
        catch (SmilesException) { return false; }
    }

    static bool IsNumber(string cell) =>
        double.TryParse(cell.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v);
}
