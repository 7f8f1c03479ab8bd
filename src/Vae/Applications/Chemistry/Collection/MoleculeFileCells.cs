using Vae.IO;

namespace Vae.Applications.Chemistry.Collection;

/// <summary>The SMILES cells of one SMILES or table file of the collection, in file order (empty cells skipped).</summary>
static class MoleculeFileCells
{
    public static IEnumerable<string> Read(string path, RdkitMoleculeFile file)
    {
        var lines = Utf8Text.ReadLines(path).Select((text, i) => (Text: text, Line: i + 1))
            .Where(l => l.Text.Trim().Length > 0 && !l.Text.TrimStart().StartsWith('#')).ToList();
        if (file.Format == MoleculeFileFormat.Smi)
        {
            for (int i = 0; i < lines.Count; i++)
            {
                string first = lines[i].Text.Trim().Split([' ', '\t'], 2)[0];
                if (i == 0 && first.Equals("smiles", StringComparison.OrdinalIgnoreCase)) continue;
                yield return first;
            }
            yield break;
        }
        bool byIndex = file.Columns.All(c => int.TryParse(c, out _));
        int[] columns;
        int start = 0;
        if (byIndex) columns = file.Columns.Select(int.Parse).ToArray();
        else
        {
            var header = Data.CsvTableReader.Split(lines[0].Text, file.Separator, path, lines[0].Line).Select(h => h.Trim()).ToList();
            columns = file.Columns.Select(c => header.IndexOf(c) is int k and >= 0 ? k
                : throw new VaeException($"{path}: no column '{c}' in the header ({string.Join(", ", header.Take(12))}).")).ToArray();
            start = 1;
        }
        for (int i = start; i < lines.Count; i++)
        {
            var cells = Data.CsvTableReader.Split(lines[i].Text, file.Separator, path, lines[i].Line);
            foreach (int c in columns)
                if (c < cells.Length && cells[c].Trim().Length > 0) yield return cells[c].Trim();
        }
    }
}
