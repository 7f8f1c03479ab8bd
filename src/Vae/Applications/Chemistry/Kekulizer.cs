namespace Vae.Applications.Chemistry;

/// <summary>
/// Turns aromatic bonds into alternating single and double bonds. Each aromatic atom either
/// needs one double bond in the ring system (c in benzene, n in pyridine) or must not get one
/// (the [nH] of pyrrole, o of furan), decided from its valence as RDKit decides it; a valid
/// aromatic system is one in which the atoms that need a double bond can be paired along aromatic
/// bonds (a perfect matching). Bracket atoms that could instead carry an unpaired electron
/// (<c>[c]</c>) may stay unpaired and become radicals.
/// </summary>
public static class Kekulizer
{
    /// <summary>Assigns Kekulé bond orders in place, or throws <see cref="SmilesException"/>.</summary>
    public static void Kekulize(Molecule mol, Rings rings, int[] explicitValence)
    {
        for (int i = 0; i < mol.Atoms.Count; i++)
            if (mol.Atoms[i].Aromatic && !rings.IsRingAtom[i])
                throw new SmilesException($"aromatic atom outside a ring: {Valence.Describe(mol.Atoms[i], i)}");
        for (int b = 0; b < mol.Bonds.Count; b++)
        {
            var bond = mol.Bonds[b];
            bool bothAromatic = mol.Atoms[bond.A].Aromatic && mol.Atoms[bond.B].Aromatic;
            if (bond.Order == BondOrder.Aromatic && (!rings.IsRingBond[b] || !bothAromatic)) bond.Order = BondOrder.Single;
        }
        var needs = Candidates(mol, explicitValence);
        var index = new Dictionary<int, int>();
        foreach (int a in needs) index[a] = index.Count;
        var adj = Enumerable.Range(0, index.Count).Select(_ => new List<int>()).ToArray();
        var bondOf = new Dictionary<(int, int), Bond>();
        foreach (var bond in mol.Bonds)
        {
            if (bond.Order != BondOrder.Aromatic || !index.TryGetValue(bond.A, out int u) || !index.TryGetValue(bond.B, out int v)) continue;
            adj[u].Add(v);
            adj[v].Add(u);
            bondOf[(Math.Min(u, v), Math.Max(u, v))] = bond;
        }
        var match = Matching.Maximum(adj);
        var unmatched = needs.Where(a => match[index[a]] < 0).ToList();
        if (unmatched.Count > 0)
            throw new SmilesException($"aromatic system cannot be kekulized: no alternating double bond for {string.Join(", ", unmatched.Take(4).Select(a => Valence.Describe(mol.Atoms[a], a)))}");
        foreach (var ((u, v), bond) in bondOf)
            if (match[u] == v) bond.Order = BondOrder.Double;
        SetAromaticBondsSingle(mol);
    }

    static void SetAromaticBondsSingle(Molecule mol)
    {
        foreach (var bond in mol.Bonds)
            if (bond.Order == BondOrder.Aromatic) bond.Order = BondOrder.Single;
    }

    /// <summary>
    /// Aromatic atoms that need a double bond: one short of their valence (c, n, [c-], [n+] with two
    /// aromatic bonds), or, for bracket atoms, two short (<c>[c]</c>, which RDKit pairs too and then
    /// counts as a radical).
    /// </summary>
    static List<int> Candidates(Molecule mol, int[] explicitValence)
    {
        var needs = new List<int>();
        for (int i = 0; i < mol.Atoms.Count; i++)
        {
            var atom = mol.Atoms[i];
            if (!atom.Aromatic || atom.Element == 0) continue;
            int sbo = 0, degree = mol.Degree(i);
            foreach (int b in mol.BondsOf(i))
                sbo += mol.Bonds[b].Order == BondOrder.Aromatic ? 1 : (int)mol.Bonds[b].Order;
            sbo += atom.Hydrogens;
            int chg = Valence.ValenceShift(atom);
            int dv = Elements.DefaultValence(atom.Element) + chg;
            int total = explicitValence[i] + atom.ImplicitHydrogens;
            var allowed = Elements.AllowedValences(atom.Element);
            for (int k = 1; total > dv && k < allowed.Count && allowed[k] > 0; k++) dv = allowed[k] + chg;
            int totalDegree = degree + atom.ImplicitHydrogens;
            if (totalDegree >= dv) continue;
            if (dv == sbo + 1 || (atom.Bracket && dv == sbo + 2)) needs.Add(i);
        }
        return needs;
    }
}
