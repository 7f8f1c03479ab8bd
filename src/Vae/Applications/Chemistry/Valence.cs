namespace Vae.Applications.Chemistry;

/// <summary>
/// Valence rules, as RDKit applies them when it sanitizes a molecule (so that verdicts can be
/// compared): the explicit valence of every atom must not exceed the largest allowed valence of
/// its element once the charge is accounted for (N⁺ and O⁻ bond like C and F), and atoms outside
/// brackets get implicit hydrogens up to the next allowed valence. Aromatic bonds count 1.5 until
/// kekulization decides them.
/// </summary>
public static class Valence
{
    /// <summary>
    /// Rewrites the hypervalent spellings that chemists use and RDKit accepts into charge-separated
    /// form: neutral five-valent N with =O or #N (<c>CN(=O)=O</c> → <c>C[N+](=O)[O-]</c>), and neutral
    /// halogens bonded only to oxygens (<c>Cl(=O)(=O)(=O)O</c> → perchlorate with charges).
    /// </summary>
    public static void CleanUp(Molecule mol)
    {
        for (int i = 0; i < mol.Atoms.Count; i++)
        {
            var atom = mol.Atoms[i];
            if (atom.Charge != 0) continue;
            if (atom.Element == 7 && Round(BondSum(mol, i) + atom.BracketHydrogens) == 5)
                NitrogenCleanUp(mol, i);
            else if (atom.Element is 17 or 35 or 53 && Round(BondSum(mol, i) + atom.BracketHydrogens) is 3 or 5 or 7)
                HalogenCleanUp(mol, i);
        }
    }

    static void NitrogenCleanUp(Molecule mol, int n)
    {
        foreach (int b in mol.BondsOf(n))
        {
            var bond = mol.Bonds[b];
            var other = mol.Atoms[bond.Other(n)];
            if (other.Charge != 0) continue;
            if ((other.Element == 8 && bond.Order == BondOrder.Double) || (other.Element == 7 && bond.Order == BondOrder.Triple))
            {
                bond.Order = bond.Order == BondOrder.Double ? BondOrder.Single : BondOrder.Double;
                mol.Atoms[n].Charge = 1;
                other.Charge = -1;
                return;
            }
        }
    }

    static void HalogenCleanUp(Molecule mol, int x)
    {
        if (mol.BondsOf(x).Any(b => mol.Atoms[mol.Bonds[b].Other(x)].Element != 8)) return;
        int charge = 0;
        foreach (int b in mol.BondsOf(x))
        {
            var bond = mol.Bonds[b];
            if (bond.Order != BondOrder.Double) continue;
            bond.Order = BondOrder.Single;
            mol.Atoms[bond.Other(x)].Charge = -1;
            charge++;
        }
        mol.Atoms[x].Charge = charge;
    }

    static double BondSum(Molecule mol, int atom) => mol.BondsOf(atom).Sum(b => mol.Bonds[b].Order.Valence());

    static int Round(double x) => (int)Math.Round(x + 0.1, MidpointRounding.AwayFromZero);

    /// <summary>The charge as it shifts the allowed valences (electropositive atoms and C⁺ count it negatively).</summary>
    public static int ValenceShift(Atom atom)
    {
        int shift = Elements.IsEarly(atom.Element) ? -atom.Charge : atom.Charge;
        return atom.Element == 6 && shift > 0 ? -shift : shift;
    }

    /// <summary>Bond orders plus bracket hydrogens, with RDKit's rounding for aromatic atoms.</summary>
    public static int ExplicitValence(Molecule mol, int index) =>
        ExplicitValence(mol.Atoms[index], BondSum(mol, index) + mol.Atoms[index].BracketHydrogens);

    /// <summary>
    /// The hydrogens an organic-subset atom written without brackets gets from bonds summing to
    /// <paramref name="bondSum"/> (aromatic bonds 1.5), or −1 when that valence is not allowed.
    /// </summary>
    public static int ImplicitHydrogensFor(Atom atom, double bondSum)
    {
        try { return ImplicitHydrogens(atom, ExplicitValence(atom, bondSum), 0); }
        catch (SmilesException) { return -1; }
    }

    static int ExplicitValence(Atom atom, double sum)
    {
        int dv = Elements.DefaultValence(atom.Element), chr = ValenceShift(atom);
        if (atom.Aromatic && sum > dv + chr && atom.Element > 0)
        {
            int best = dv + chr;
            foreach (int v in Elements.AllowedValences(atom.Element))
            {
                if (v < 0 || v + chr > sum) break;
                best = v + chr;
            }
            if (sum - best <= 1.5) sum = best;
        }
        return Round(sum);
    }

    /// <summary>
    /// Checks every atom's valence and sets the implicit hydrogens of atoms outside brackets.
    /// Throws <see cref="SmilesException"/> naming the first atom whose valence is impossible.
    /// </summary>
    public static int[] Assign(Molecule mol)
    {
        var valences = new int[mol.Atoms.Count];
        for (int i = 0; i < mol.Atoms.Count; i++)
        {
            var atom = mol.Atoms[i];
            int ev = ExplicitValence(mol, i);
            valences[i] = ev;
            if (atom.Element == 0) continue;
            if (MaxExplicitValence(atom.Element, atom.Charge) is int limit && ev > limit) throw new SmilesException(TooHigh(atom, i, ev));
            if (!atom.Bracket) atom.ImplicitHydrogens = ImplicitHydrogens(atom, ev, i);
        }
        return valences;
    }

    /// <summary>
    /// The largest explicit valence the checker accepts for an element at a charge: the element's largest valence,
    /// raised by a positive charge for elements with 4 or more outer electrons (N+ 4) and lowered by it for the others
    /// (Na+ 0); null when the element has no valence rule (or is the wildcard).
    /// </summary>
    public static int? MaxExplicitValence(int element, int charge)
    {
        if (element <= 0) return null;
        int max = Elements.MaxValence(element);
        if (max <= 0) return null;
        return Elements.OuterElectrons(element) >= 4 ? max + charge : max - charge;
    }

    /// <summary>
    /// Unpaired electrons of bracket atoms written with fewer bonds and hydrogens than their valence
    /// (<c>[CH3]</c>, <c>[O]</c>), counted as RDKit counts them; call after kekulization.
    /// </summary>
    public static void AssignRadicals(Molecule mol)
    {
        for (int i = 0; i < mol.Atoms.Count; i++)
        {
            var atom = mol.Atoms[i];
            if (!atom.Bracket || atom.Element == 0 || Elements.MaxValence(atom.Element) == -1 && Elements.DefaultValence(atom.Element) == -1)
                continue;
            int total = (int)(BondSum(mol, i) + atom.BracketHydrogens + 0.1);
            int outer = Elements.OuterElectrons(atom.Element);
            int radicals = (atom.Element <= 2 ? 2 : 8) - outer - total + atom.Charge;
            if (radicals < 0)
            {
                radicals = 0;
                var allowed = Elements.AllowedValences(atom.Element);
                if (allowed.Count > 1)
                    foreach (int v in allowed)
                        if (v - total + atom.Charge >= 0) { radicals = v - total + atom.Charge; break; }
            }
            int other = outer - total - atom.Charge;
            if (other >= 0) radicals = Math.Min(radicals, other);
            atom.Radicals = radicals;
        }
    }

    static int ImplicitHydrogens(Atom atom, int ev, int index)
    {
        int dv = Elements.DefaultValence(atom.Element);
        if (dv < 0) return 0;
        int chg = ValenceShift(atom);
        var allowed = Elements.AllowedValences(atom.Element);
        if (atom.Aromatic)
        {
            if (ev <= dv + chg) return dv + chg - ev;
            if (allowed.Any(v => v >= 0 && ev == v + chg)) return 0;
            throw new SmilesException($"aromatic {Describe(atom, index)} has valence {ev}, which is not an allowed valence");
        }
        foreach (int v in allowed)
        {
            if (v < 0) break;
            if (ev <= v + chg) return v + chg - ev;
        }
        if (Elements.MaxValence(atom.Element) == -1) return 0;
        throw new SmilesException(TooHigh(atom, index, ev));
    }

    static string TooHigh(Atom atom, int index, int ev) =>
        $"bad valence: {Describe(atom, index)}{(atom.Charge != 0 ? $" with charge {atom.Charge:+0;-0}" : "")} has valence {ev}, more than allowed";

    public static string Describe(Atom atom, int index) => $"{(atom.Aromatic ? atom.Symbol.ToLowerInvariant() : atom.Symbol)} (atom {index + 1})";
}
