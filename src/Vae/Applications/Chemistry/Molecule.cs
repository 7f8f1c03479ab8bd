namespace Vae.Applications.Chemistry;

/// <summary>A molecular graph: atoms, bonds, and each atom's incident bonds.</summary>
public sealed class Molecule
{
    readonly List<List<int>> incident = [];

    public List<Atom> Atoms { get; } = [];
    public List<Bond> Bonds { get; } = [];

    public int AddAtom(Atom atom)
    {
        Atoms.Add(atom);
        incident.Add([]);
        return Atoms.Count - 1;
    }

    public Bond AddBond(int a, int b, BondOrder order, char direction = '\0')
    {
        var bond = new Bond(a, b, order) { Direction = direction };
        incident[a].Add(Bonds.Count);
        incident[b].Add(Bonds.Count);
        Bonds.Add(bond);
        return bond;
    }

    /// <summary>Indices of the bonds at <paramref name="atom"/>.</summary>
    public IReadOnlyList<int> BondsOf(int atom) => incident[atom];

    public int Degree(int atom) => incident[atom].Count;

    public Bond? BondBetween(int a, int b)
    {
        foreach (int i in incident[a])
            if (Bonds[i].Other(a) == b) return Bonds[i];
        return null;
    }

    /// <summary>Atoms other than hydrogen (the wildcard <c>*</c> does not count either, as in RDKit).</summary>
    public int HeavyAtomCount => Atoms.Count(a => a.Element > 1);

    /// <summary>Connected components (fragments separated by '.').</summary>
    public int ComponentCount => Atoms.Count == 0 ? 0 : Components().Max() + 1;

    /// <summary>
    /// Number of rings = bonds − atoms + components (the cyclomatic number, the size of the smallest
    /// set of smallest rings). For cages such as cubane it is smaller than the count of "visible"
    /// rings (5, not 6).
    /// </summary>
    public int RingCount => Bonds.Count - Atoms.Count + ComponentCount;

    /// <summary>Component index of every atom.</summary>
    public int[] Components()
    {
        var comp = Enumerable.Repeat(-1, Atoms.Count).ToArray();
        int next = 0;
        var stack = new Stack<int>();
        for (int s = 0; s < Atoms.Count; s++)
        {
            if (comp[s] >= 0) continue;
            comp[s] = next;
            stack.Push(s);
            while (stack.Count > 0)
            {
                int a = stack.Pop();
                foreach (int b in incident[a])
                {
                    int o = Bonds[b].Other(a);
                    if (comp[o] < 0) { comp[o] = next; stack.Push(o); }
                }
            }
            next++;
        }
        return comp;
    }

    public Molecule Clone()
    {
        var m = new Molecule();
        foreach (var a in Atoms) m.AddAtom(a.Clone());
        foreach (var b in Bonds) m.AddBond(b.A, b.B, b.Order, b.Direction).Aromatic = b.Aromatic;
        return m;
    }
}
