using Vae.Applications.Chemistry;

namespace Vae.Tests.Applications.Chemistry;

/// <summary>The RDKit fixtures (made by fixtures/make_fixtures.py) and the default molecule files.</summary>
public static class ChemistryFixtures
{
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "Applications", "Chemistry", "fixtures");

    /// <summary>Rows of a fixture TSV (header skipped), split on tabs.</summary>
    public static List<string[]> Table(string name) =>
        File.ReadLines(Path.Combine(Folder, name)).Skip(1).Where(l => l.Length > 0).Select(l => l.Split('\t')).ToList();

    public static readonly (string Key, string Path)[] DefaultFiles =
    [
        ("nci", SmilesSource.Nci5k),
        ("wehi", SmilesSource.Wehi),
        ("chembl", SmilesSource.Chembl),
    ];

    public static bool DefaultFilesPresent => DefaultFiles.All(f => File.Exists(f.Path));

    /// <summary>Every molecule of the three default files, with its file key and line number.</summary>
    public static IEnumerable<(string File, int Line, string Smiles)> DefaultMolecules()
    {
        foreach (var (key, path) in DefaultFiles)
        {
            int line = 0;
            foreach (string text in File.ReadLines(path))
            {
                line++;
                string t = text.Trim();
                if (t.Length == 0 || t.StartsWith('#')) continue;
                string smiles = path.EndsWith(".csv", StringComparison.Ordinal) ? t.Split(',')[0].Trim('"') : t.Split(' ', '\t')[0];
                yield return (key, line, smiles);
            }
        }
    }
}
