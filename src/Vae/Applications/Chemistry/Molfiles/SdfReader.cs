using Vae.IO;

namespace Vae.Applications.Chemistry.Molfiles;

/// <summary>One record of an SDF file: its title and first line, and the molecule or why it could not be read.</summary>
public sealed record SdfRecord(int Line, string Title, Molecule? Molecule, string? Error, int ErrorLine);

/// <summary>
/// Reads SDF files (V2000 molfiles, each followed by data items and <c>$$$$</c>) and single
/// <c>.mol</c> files. <see cref="Records"/> reads every record, keeping a bad one as an error and going
/// on at the next <c>$$$$</c>; <see cref="Read"/> refuses a file with any bad record, naming the file
/// and line. The text is read through <see cref="Utf8Text"/> (strict UTF-8).
/// </summary>
public static class SdfReader
{
    public static bool IsMolfile(string path) =>
        Path.GetExtension(path).ToLowerInvariant() is ".sdf" or ".sd" or ".mol";

    public static IEnumerable<SdfRecord> Records(string path) => Records(Utf8Text.ReadLines(path).ToList());

    public static IEnumerable<SdfRecord> Records(IReadOnlyList<string> lines)
    {
        int at = 0;
        while (at < lines.Count)
        {
            if (lines.Skip(at).All(l => l.Trim().Length == 0)) yield break;
            int start = at;
            string title = lines[at].Trim();
            SdfRecord record;
            try
            {
                var (mol, next) = MolfileReader.Read(lines, at);
                at = SkipData(lines, next);
                record = new SdfRecord(start + 1, title, mol, null, 0);
            }
            catch (MolfileException e)
            {
                record = new SdfRecord(start + 1, title, null, e.Message, e.Line);
                at = NextRecord(lines, Math.Max(start, Math.Min(e.Line - 1, lines.Count)));
            }
            yield return record;
        }
    }

    // After M  END: data items ("> <name>" then value lines then a blank line), until $$$$ or the end of the file.
    static int SkipData(IReadOnlyList<string> lines, int at)
    {
        for (; at < lines.Count; at++)
        {
            if (lines[at].StartsWith("$$$$", StringComparison.Ordinal)) return at + 1;
            if (lines[at].StartsWith("M  END", StringComparison.Ordinal))
                throw new MolfileException("a second 'M  END' before '$$$$' (a record without its end mark?)", at + 1);
        }
        return at;
    }

    static int NextRecord(IReadOnlyList<string> lines, int from)
    {
        for (int at = from; at < lines.Count; at++)
            if (lines[at].StartsWith("$$$$", StringComparison.Ordinal)) return at + 1;
        return lines.Count;
    }

    /// <summary>Every record's molecule, or a <see cref="VaeException"/> naming the file and line of the first bad record.</summary>
    public static List<(string Title, Molecule Molecule)> Read(string path)
    {
        var result = new List<(string, Molecule)>();
        foreach (var r in Records(path))
        {
            if (r.Molecule is null) throw new VaeException($"{path}: line {r.ErrorLine}: {r.Error} (in the record that starts at line {r.Line}).");
            result.Add((r.Title, r.Molecule));
        }
        if (result.Count == 0) throw new VaeException($"{path}: no molecules in the file.");
        return result;
    }
}
