namespace Vae.Cli.Commands.Chemistry;

/// <summary>The SMILES of a one-per-line file: the first field of each non-blank line.</summary>
static class SmilesLines
{
    public static IEnumerable<string> Read(string path)
    {
        if (!File.Exists(path)) throw new VaeException($"{path}: file not found.");
        foreach (string line in File.ReadLines(path))
        {
            string trimmed = line.Trim();
            if (trimmed.Length == 0) continue;
            int cut = trimmed.IndexOfAny([' ', '\t']);
            yield return cut < 0 ? trimmed : trimmed[..cut];
        }
    }
}
