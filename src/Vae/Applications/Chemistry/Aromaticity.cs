namespace Vae.Applications.Chemistry;

/// <summary>
/// Aromaticity perception on a kekulized molecule, following RDKit's default model so that
/// descriptors that depend on it (TPSA counts aromatic bonds) agree with RDKit: each ring atom
/// donates 0, 1 or 2 π electrons depending on its element, charge, hydrogens and multiple bonds;
/// a ring of the SSSR, or a fused combination of up to six of them, is aromatic when its atoms
/// donate 4n+2 electrons. Bonds shared inside a fused aromatic combination stay non-aromatic
/// unless another aromatic ring contains them on its perimeter. Combinations of three or more
/// rings in which one atom is shared by three rings (peri-fused systems such as perimidine) are
/// not considered, as in RDKit.
/// </summary>
public static class Aromaticity
{
    enum Donor { Vacant, One, Two, OneOrTwo, Any, None }

    const int MaxFusedRingSize = 24;
    const int MaxFusedRings = 6;

    public static void Perceive(Molecule mol, Rings rings)
    {
        foreach (var a in mol.Atoms) a.Aromatic = false;
        foreach (var b in mol.Bonds) b.Aromatic = false;
        var donors = new Dictionary<int, Donor>();
        var candidate = new Dictionary<int, bool>();
        var cRings = new List<int>();
        for (int r = 0; r < rings.AtomRings.Count; r++)
        {
            bool all = true, allDummy = true;
            foreach (int a in rings.AtomRings[r])
            {
                if (mol.Atoms[a].Element != 0) allDummy = false;
                if (!candidate.TryGetValue(a, out bool ok))
                {
                    var donor = DonorType(mol, rings, a);
                    donors[a] = donor;
                    candidate[a] = ok = IsCandidate(mol, a, donor);
                }
                if (!ok) all = false;
            }
            if (all && !allDummy) cRings.Add(r);
        }
        var neighbours = cRings.Select(_ => new List<int>()).ToArray();
        for (int i = 0; i < cRings.Count; i++)
            for (int j = i + 1; j < cRings.Count; j++)
            {
                var ri = rings.BondRings[cRings[i]];
                var rj = rings.BondRings[cRings[j]];
                if (ri.Length > MaxFusedRingSize || rj.Length > MaxFusedRingSize) continue;
                if (ri.Intersect(rj).Any()) { neighbours[i].Add(j); neighbours[j].Add(i); }
            }
        int allAtoms = cRings.SelectMany(r => rings.AtomRings[r]).Distinct().Count();
        var done = new bool[cRings.Count];
        for (int start = 0; start < cRings.Count; start++)
        {
            if (done[start]) continue;
            var system = new List<int>();
            Collect(start, neighbours, done, system);
            ApplyToFused(mol, rings, cRings, system, neighbours, donors, allAtoms);
        }
    }

    static void Collect(int ring, List<int>[] neighbours, bool[] done, List<int> system)
    {
        done[ring] = true;
        system.Add(ring);
        foreach (int n in neighbours[ring])
            if (!done[n]) Collect(n, neighbours, done, system);
    }

    static void ApplyToFused(Molecule mol, Rings rings, List<int> cRings, List<int> system, List<int>[] neighbours,
        Dictionary<int, Donor> donors, int allAtoms)
    {
        var doneAtoms = new HashSet<int>();
        int limit = Math.Min(system.Count, MaxFusedRings);
        for (int size = 1; size <= limit && doneAtoms.Count != allAtoms; size++)
            foreach (var combination in Combinations(system.Count, size))
            {
                var chosen = combination.Select(k => system[k]).ToList();
                if (size > 1 && !Connected(chosen, neighbours)) continue;
                // as RDKit: in systems of three or more rings, no atom may be shared by more than two of them
                if (size > 2 && chosen.SelectMany(c => rings.AtomRings[cRings[c]]).GroupBy(a => a).Any(g => g.Count() > 2)) continue;
                var atoms = chosen.SelectMany(c => rings.AtomRings[cRings[c]]).Distinct().ToList();
                if (!Huckel(atoms, donors)) continue;
                foreach (int a in atoms) { mol.Atoms[a].Aromatic = true; doneAtoms.Add(a); }
                foreach (var g in chosen.SelectMany(c => rings.BondRings[cRings[c]]).GroupBy(b => b))
                    if (g.Count() == 1) mol.Bonds[g.Key].Aromatic = true;
            }
    }

    static bool Connected(List<int> chosen, List<int>[] neighbours)
    {
        var seen = new HashSet<int> { chosen[0] };
        var stack = new Stack<int>([chosen[0]]);
        while (stack.Count > 0)
            foreach (int n in neighbours[stack.Pop()])
                if (chosen.Contains(n) && seen.Add(n)) stack.Push(n);
        return seen.Count == chosen.Count;
    }

    static IEnumerable<int[]> Combinations(int n, int k)
    {
        var c = Enumerable.Range(0, k).ToArray();
        while (true)
        {
            yield return c;
            int i = k - 1;
            while (i >= 0 && c[i] == n - k + i) i--;
            if (i < 0) yield break;
            c[i]++;
            for (int j = i + 1; j < k; j++) c[j] = c[j - 1] + 1;
        }
    }

    static bool Huckel(List<int> atoms, Dictionary<int, Donor> donors)
    {
        int low = 0, high = 0;
        foreach (int a in atoms)
        {
            var (lo, hi) = donors[a] switch
            {
                Donor.Any => (0, 2),
                Donor.OneOrTwo => (1, 2),
                Donor.One => (1, 1),
                Donor.Two => (2, 2),
                _ => (0, 0),
            };
            low += lo;
            high += hi;
        }
        if (high >= 6)
        {
            for (int e = low; e <= high; e++)
                if ((e - 2) % 4 == 0) return true;
            return false;
        }
        return high == 2;
    }

    static int ExplicitValence(Molecule mol, int a) =>
        mol.BondsOf(a).Sum(b => (int)mol.Bonds[b].Order) + mol.Atoms[a].BracketHydrogens;

    static bool IsCandidate(Molecule mol, int a, Donor donor)
    {
        var atom = mol.Atoms[a];
        if (atom.Element > 18 && atom.Element != 34 && atom.Element != 52) return false;
        if (donor == Donor.None) return false;
        int dv = Elements.DefaultValence(atom.Element);
        int shifted = atom.Element - atom.Charge;
        if (dv > 0 && shifted is >= 1 and <= 118 && ExplicitValence(mol, a) + atom.ImplicitHydrogens > Elements.DefaultValence(shifted))
            return false;
        if (atom.Radicals > 0 && atom.Element != 6) return false;
        if (ExplicitValence(mol, a) - mol.Degree(a) > 1)
        {
            int multiple = mol.BondsOf(a).Count(b => mol.Bonds[b].Order is BondOrder.Double or BondOrder.Triple);
            if (multiple > 1) return false;
        }
        return true;
    }

    static Donor DonorType(Molecule mol, Rings rings, int a)
    {
        var atom = mol.Atoms[a];
        if (atom.Element == 0) return Donor.Any;
        int nelec = CountElectrons(mol, a);
        int who = NonCyclicMultipleBondPartner(mol, rings, a);
        if (nelec < 0) return Donor.None;
        if (nelec == 0)
        {
            if (who >= 0) return Donor.Vacant;
            return CyclicMultipleBond(mol, rings, a) ? Donor.One : Donor.None;
        }
        if (nelec == 1)
        {
            if (who >= 0)
                return Elements.MoreElectronegative(mol.Atoms[who].Element, atom.Element) ? Donor.Vacant : Donor.One;
            if (ExplicitValence(mol, a) != mol.Degree(a) + atom.BracketHydrogens) return Donor.One;
            return atom.Charge == 1 ? Donor.Vacant : Donor.None;
        }
        if (who >= 0 && Elements.MoreElectronegative(mol.Atoms[who].Element, atom.Element)) nelec--;
        return nelec % 2 == 1 ? Donor.One : Donor.Two;
    }

    static int CountElectrons(Molecule mol, int a)
    {
        var atom = mol.Atoms[a];
        int dv = Elements.DefaultValence(atom.Element);
        if (dv <= 1) return -1;
        int degree = mol.Degree(a) + atom.Hydrogens;
        if (degree > 3) return -1;
        int lonePairs = Math.Max(Elements.OuterElectrons(atom.Element) - dv - atom.Charge, 0);
        int res = dv - degree + lonePairs - atom.Radicals;
        if (res > 1 && ExplicitValence(mol, a) - mol.Degree(a) > 1) res = 1;
        return res;
    }

    static int NonCyclicMultipleBondPartner(Molecule mol, Rings rings, int a)
    {
        foreach (int b in mol.BondsOf(a))
            if (!rings.IsRingBond[b] && (int)mol.Bonds[b].Order >= 2) return mol.Bonds[b].Other(a);
        return -1;
    }

    static bool CyclicMultipleBond(Molecule mol, Rings rings, int a) =>
        mol.BondsOf(a).Any(b => rings.IsRingBond[b] && (int)mol.Bonds[b].Order >= 2);
}
