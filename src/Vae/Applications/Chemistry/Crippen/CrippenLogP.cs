using System.Globalization;
using Vae.IO;

namespace Vae.Applications.Chemistry.Crippen;

/// <summary>
/// Wildman–Crippen logP and molar refractivity (J. Chem. Inf. Comput. Sci. 39:868, 1999): every atom,
/// hydrogens included, gets the first of 110 atom types (an ordered list of SMARTS, RDKit's curation
/// in <c>crippen.txt</c>) whose pattern matches with its first atom there, and logP and MR are sums
/// of the types' contributions. RDKit's <c>Crippen.MolLogP</c>/<c>MolMR</c> compute the same on the
/// molecule with its hydrogens added; the tests compare against it.
/// </summary>
public static class CrippenLogP
{
    /// <summary>One atom type: its name (C1 … Me2), pattern, and logP and MR contributions.</summary>
    public sealed record AtomType(string Name, AtomPattern Pattern, double LogP, double MolarRefractivity);

    /// <summary>The contributions of one atom and the hydrogens on it, and the type of the atom itself (null when none matches).</summary>
    public readonly record struct AtomContribution(string? Type, double LogP, double MolarRefractivity);

    static readonly Lazy<IReadOnlyList<AtomType>> table = new(Load);

    public static IReadOnlyList<AtomType> Types => table.Value;

    /// <summary>Wildman–Crippen logP of a checked molecule (aromaticity perceived: see <see cref="SmilesChecker"/>).</summary>
    public static double LogP(Molecule mol) => Contributions(mol).Sum(c => c.LogP);

    /// <summary>Wildman–Crippen molar refractivity of a checked molecule.</summary>
    public static double MolarRefractivity(Molecule mol) => Contributions(mol).Sum(c => c.MolarRefractivity);

    /// <summary>Per molecule atom (in order): its contribution plus those of the hydrogens bonded to it as counts.</summary>
    public static AtomContribution[] Contributions(Molecule mol)
    {
        var g = new MatchGraph(mol);
        var result = new AtomContribution[mol.Atoms.Count];
        for (int i = 0; i < g.Count; i++)
        {
            var type = Types.FirstOrDefault(t => t.Pattern.MatchesAt(g, i));
            int owner = g.Owner(i);
            var c = result[owner];
            result[owner] = new(i == owner ? type?.Name : c.Type, c.LogP + (type?.LogP ?? 0), c.MolarRefractivity + (type?.MolarRefractivity ?? 0));
        }
        return result;
    }

    static IReadOnlyList<AtomType> Load()
    {
        using var stream = typeof(CrippenLogP).Assembly.GetManifestResourceStream("Vae.Chemistry.crippen.txt")
            ?? throw new InvalidOperationException("the Crippen atom types are missing from the assembly.");
        using var bytes = new MemoryStream();
        stream.CopyTo(bytes);
        if (Utf8Text.FirstBadByte(bytes.ToArray()) is int bad and >= 0)
            throw new InvalidOperationException($"crippen.txt: not UTF-8 at byte {bad}.");
        var types = new List<AtomType>();
        int line = 0;
        foreach (string text in System.Text.Encoding.UTF8.GetString(bytes.ToArray()).Split('\n'))
        {
            line++;
            if (text.StartsWith('#') || text.Trim().Length == 0) continue;
            var f = text.TrimEnd('\r').Split('\t');
            double Value(int k) => k < f.Length && f[k].Trim().Length > 0 ? double.Parse(f[k], CultureInfo.InvariantCulture) : 0;
            try { types.Add(new AtomType(f[0], AtomPattern.Parse(f[1]), Value(2), Value(3))); }
            catch (VaeException e) { throw new InvalidOperationException($"crippen.txt, line {line}: {e.Message}"); }
        }
        return types;
    }
}
