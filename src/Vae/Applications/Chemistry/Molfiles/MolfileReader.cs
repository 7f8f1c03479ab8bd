using System.Globalization;

namespace Vae.Applications.Chemistry.Molfiles;

/// <summary>
/// Reads one V2000 molfile (the connection table of an SDF record) into a <see cref="Molecule"/>,
/// strictly: the counts line must say V2000 and give as many atom and bond lines as follow; every
/// fixed-width field is checked; atom symbols must be elements (D and T are hydrogen isotopes);
/// bonds must join two different, existing atoms once; the block must end with <c>M  END</c>.
/// Charges come from the atom block (codes 1–7, 4 a doublet radical) unless <c>M  CHG</c> lines
/// replace them (as in RDKit, the first such line clears the atom block's charges); <c>M  ISO</c>
/// sets mass numbers, <c>M  RAD</c> unpaired electrons. Hydrogens: atoms get the implicit hydrogens
/// of their element's valence rules (the charge shifting them, as for N⁺ or O⁻), as RDKit does for
/// molfiles; an atom with a valence field (<c>vvv</c>) gets exactly the hydrogens that
/// field leaves, and an atom with unpaired electrons the hydrogens its valence leaves after them
/// (<c>[CH3]</c>), as RDKit 2022.09 reads them. Explicit H atoms stay atoms (the canonical writer folds them).
/// Not supported (an error, so the record is skipped): V3000, query atoms and bonds (A, Q, R#, *, L;
/// bond types 5–8), a mass difference in the atom block without <c>M  ISO</c>.
/// </summary>
public static class MolfileReader
{
    /// <summary>
    /// Reads the molfile in <paramref name="lines"/> from <paramref name="start"/> (its title line)
    /// through its <c>M  END</c>; returns the molecule and the index of the line after <c>M  END</c>.
    /// <paramref name="firstLineNumber"/> is the file's line number of <c>lines[0]</c>, for messages.
    /// </summary>
    public static (Molecule Molecule, int Next) Read(IReadOnlyList<string> lines, int start, int firstLineNumber = 1)
    {
        int Line(int index) => firstLineNumber + index;
        int at = start + 3;
        if (at >= lines.Count) throw new MolfileException("the file ends inside the molfile header (3 lines, then the counts line)", Line(lines.Count));
        string counts = lines[at];
        if (counts.Contains("V3000", StringComparison.Ordinal)) throw new MolfileException("a V3000 molfile (only V2000 is read)", Line(at));
        if (counts.Length < 39 || counts.Substring(34, 5) != "V2000")
            throw new MolfileException($"the counts line does not end in V2000 at columns 35–39: '{counts.TrimEnd()}'", Line(at));
        int atoms = Field(counts, 0, 3, Line(at), "atom count");
        int bonds = Field(counts, 3, 3, Line(at), "bond count");
        if (atoms < 0 || bonds < 0) throw new MolfileException("negative atom or bond count", Line(at));
        at++;
        if (at + atoms + bonds > lines.Count)
            throw new MolfileException($"the file ends inside the connection table ({atoms} atom and {bonds} bond lines announced, {lines.Count - at} lines left)", Line(lines.Count));

        var mol = new Molecule();
        var radicals = new int[atoms];
        var valenceField = new int[atoms];
        bool massDifference = false;
        for (int i = 0; i < atoms; i++, at++)
        {
            var (atom, radical, valence, dd) = ReadAtom(lines[at], Line(at));
            mol.AddAtom(atom);
            radicals[i] = radical;
            valenceField[i] = valence;
            massDifference |= dd != 0;
        }
        for (int i = 0; i < bonds; i++, at++) ReadBond(mol, lines[at], Line(at));

        var charges = mol.Atoms.Select(a => a.Charge).ToArray();
        var isotopes = mol.Atoms.Select(a => a.Isotope).ToArray();
        bool chargeLines = false, isotopeLines = false;
        for (; ; at++)
        {
            if (at >= lines.Count) throw new MolfileException("the file ends before 'M  END'", Line(lines.Count));
            string line = lines[at];
            if (line.StartsWith("M  END", StringComparison.Ordinal)) break;
            if (line.StartsWith("$$$$", StringComparison.Ordinal) || line.StartsWith('>'))
                throw new MolfileException($"the record's {(line[0] == '>' ? "data items start" : "end mark '$$$$' comes")} before 'M  END'", Line(at));
            if (line.StartsWith("M  CHG", StringComparison.Ordinal))
            {
                if (!chargeLines) Array.Clear(charges);
                chargeLines = true;
                foreach (var (a, v) in Pairs(line, atoms, Line(at))) charges[a] = v;
            }
            else if (line.StartsWith("M  ISO", StringComparison.Ordinal))
            {
                isotopeLines = true;
                foreach (var (a, v) in Pairs(line, atoms, Line(at)))
                    isotopes[a] = v > 0 ? v : throw new MolfileException($"M  ISO: mass number {v} of atom {a + 1}", Line(at));
            }
            else if (line.StartsWith("M  RAD", StringComparison.Ordinal))
                foreach (var (a, v) in Pairs(line, atoms, Line(at)))
                    radicals[a] = v switch { 0 => 0, 1 => 2, 2 => 1, 3 => 2, _ => throw new MolfileException($"M  RAD: radical code {v} of atom {a + 1} (0–3)", Line(at)) };
        }
        if (massDifference && !isotopeLines)
            throw new MolfileException("a mass difference in the atom block without M  ISO lines (not supported)", Line(start + 4));
        return (Finish(mol, charges, isotopes, radicals, valenceField), at + 1);
    }

    // Charges and isotopes are init-only on Atom, so the atoms are rebuilt with them; hydrogens are decided here.
    static Molecule Finish(Molecule read, int[] charges, int[] isotopes, int[] radicals, int[] valenceField)
    {
        var mol = new Molecule();
        for (int i = 0; i < read.Atoms.Count; i++)
        {
            var a = read.Atoms[i];
            bool fixedHydrogens = valenceField[i] != 0 || radicals[i] != 0;
            double bondSum = read.BondsOf(i).Sum(b => read.Bonds[b].Order == BondOrder.Aromatic ? 1.5 : (int)read.Bonds[b].Order);
            int hydrogens = valenceField[i] == 15 ? 0
                : valenceField[i] != 0 ? Math.Max(0, valenceField[i] - (int)Math.Round(bondSum + 0.1))
                : radicals[i] != 0 ? Math.Max(0, Valence.ImplicitHydrogensFor(new Atom { Element = a.Element, Charge = charges[i] }, bondSum + radicals[i]))
                : 0;
            mol.AddAtom(new Atom
            {
                Element = a.Element, Aromatic = a.Aromatic, Charge = charges[i], Isotope = isotopes[i],
                Bracket = fixedHydrogens, BracketHydrogens = fixedHydrogens ? hydrogens : 0,
            });
        }
        foreach (var b in read.Bonds) mol.AddBond(b.A, b.B, b.Order);
        return mol;
    }

    static (Atom Atom, int Radical, int Valence, int MassDifference) ReadAtom(string line, int number)
    {
        if (line.Length < 34) throw new MolfileException($"an atom line needs coordinates and a symbol (34 columns), this one has {line.Length}: '{line.TrimEnd()}'", number);
        for (int c = 0; c < 3; c++)
            if (!double.TryParse(line.AsSpan(c * 10, 10), NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || !double.IsFinite(v))
                throw new MolfileException($"atom line: coordinate {"xyz"[c]} is not a number: '{line.Substring(c * 10, 10).Trim()}'", number);
        string symbol = line.Substring(31, Math.Min(3, line.Length - 31)).Trim();
        int element, isotope = 0;
        switch (symbol)
        {
            case "D": element = 1; isotope = 2; break;
            case "T": element = 1; isotope = 3; break;
            default:
                element = Elements.AtomicNumber(symbol);
                if (element <= 0)
                    throw new MolfileException(symbol is "A" or "Q" or "L" or "R#" or "R" or "*" or "LP" or "AH" or "QH" or "X" or "M"
                        ? $"query or R-group atom '{symbol}' (not supported)" : $"unknown atom symbol '{symbol}'", number);
                break;
        }
        int dd = OptionalField(line, 34, 2, number, "mass difference");
        int code = OptionalField(line, 36, 3, number, "charge");
        int valence = OptionalField(line, 48, 3, number, "valence");
        if (valence is < 0 or > 15) throw new MolfileException($"atom line: valence field {valence} (0–15)", number);
        int charge = code switch
        {
            0 or 4 => 0, 1 => 3, 2 => 2, 3 => 1, 5 => -1, 6 => -2, 7 => -3,
            _ => throw new MolfileException($"atom line: charge code {code} (0–7)", number),
        };
        return (new Atom { Element = element, Charge = charge, Isotope = isotope }, code == 4 ? 1 : 0, valence, dd);
    }

    static void ReadBond(Molecule mol, string line, int number)
    {
        if (line.Length < 9) throw new MolfileException($"a bond line needs two atoms and a type (9 columns), this one has {line.Length}: '{line.TrimEnd()}'", number);
        int a = Field(line, 0, 3, number, "first atom") - 1;
        int b = Field(line, 3, 3, number, "second atom") - 1;
        int type = Field(line, 6, 3, number, "bond type");
        int n = mol.Atoms.Count;
        if (a < 0 || a >= n || b < 0 || b >= n) throw new MolfileException($"bond line: atom {(a < 0 || a >= n ? a + 1 : b + 1)} does not exist (the molecule has {n} atoms)", number);
        if (a == b) throw new MolfileException($"bond line: atom {a + 1} bonded to itself", number);
        if (mol.BondBetween(a, b) is not null) throw new MolfileException($"bond line: atoms {a + 1} and {b + 1} are bonded twice", number);
        var order = type switch
        {
            1 => BondOrder.Single, 2 => BondOrder.Double, 3 => BondOrder.Triple, 4 => BondOrder.Aromatic,
            >= 5 and <= 8 => throw new MolfileException($"query bond type {type} (not supported)", number),
            _ => throw new MolfileException($"bond line: bond type {type} (1–8)", number),
        };
        mol.AddBond(a, b, order);
        if (order == BondOrder.Aromatic) mol.Atoms[a].Aromatic = mol.Atoms[b].Aromatic = true;
    }

    // "M  CHG  2   3   1   5  -1": a count, then that many (atom, value) pairs in 4-column fields.
    static IEnumerable<(int Atom, int Value)> Pairs(string line, int atoms, int number)
    {
        string kind = line[3..6];
        int count = Field(line, 6, 3, number, $"M  {kind} count");
        if (count is < 1 or > 8) throw new MolfileException($"M  {kind}: {count} entries (1–8 per line)", number);
        var result = new List<(int, int)>();
        for (int k = 0; k < count; k++)
        {
            int a = Field(line, 9 + 8 * k, 4, number, $"M  {kind} atom") - 1;
            int v = Field(line, 13 + 8 * k, 4, number, $"M  {kind} value");
            if (a < 0 || a >= atoms) throw new MolfileException($"M  {kind}: atom {a + 1} does not exist (the molecule has {atoms} atoms)", number);
            result.Add((a, v));
        }
        return result;
    }

    static int Field(string line, int start, int width, int number, string what)
    {
        if (line.Length < start + width) throw new MolfileException($"the line ends before its {what} (columns {start + 1}–{start + width}): '{line.TrimEnd()}'", number);
        string text = line.Substring(start, width).Trim();
        return int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int v) ? v
            : throw new MolfileException($"{what} is not a number: '{text}' (columns {start + 1}–{start + width})", number);
    }

    // Trailing fields of an atom line may be left out; a field present must be a number.
    static int OptionalField(string line, int start, int width, int number, string what)
    {
        if (line.Length <= start) return 0;
        string text = line.Substring(start, Math.Min(width, line.Length - start)).Trim();
        if (text.Length == 0) return 0;
        return int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int v) ? v
            : throw new MolfileException($"atom line: {what} is not a number: '{text}' (columns {start + 1}–{start + width})", number);
    }
}
