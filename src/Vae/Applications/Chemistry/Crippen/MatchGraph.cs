namespace Vae.Applications.Chemistry.Crippen;

/// <summary>
/// A checked molecule with every hydrogen as an atom of its own (RDKit's <c>AddHs</c>), the form the
/// Wildman–Crippen types are matched on: atoms 0 … n−1 are the molecule's, in order, and the added
/// hydrogens follow, each bonded to its heavy atom by a single bond.
/// </summary>
public sealed class MatchGraph
{
    readonly List<int> element = [], charge = [];
    readonly List<bool> aromatic = [];
    readonly List<List<(int To, BondQuery Kind)>> neighbours = [];

    /// <summary>The molecule's own atoms (the added hydrogens come after them).</summary>
    public int MoleculeAtoms { get; }

    public int Count => element.Count;

    public MatchGraph(Molecule mol)
    {
        MoleculeAtoms = mol.Atoms.Count;
        foreach (var a in mol.Atoms) Add(a.Element, a.Charge, a.Aromatic);
        foreach (var b in mol.Bonds)
        {
            var kind = b.Aromatic ? BondQuery.Aromatic : b.Order switch
            {
                BondOrder.Double => BondQuery.Double,
                BondOrder.Triple => BondQuery.Triple,
                _ => BondQuery.Single,
            };
            Link(b.A, b.B, kind);
        }
        for (int i = 0; i < mol.Atoms.Count; i++)
            for (int h = 0; h < mol.Atoms[i].Hydrogens; h++)
                Link(i, Add(1, 0, false), BondQuery.Single);
    }

    int Add(int z, int q, bool arom)
    {
        element.Add(z);
        charge.Add(q);
        aromatic.Add(arom);
        neighbours.Add([]);
        return element.Count - 1;
    }

    void Link(int a, int b, BondQuery kind)
    {
        neighbours[a].Add((b, kind));
        neighbours[b].Add((a, kind));
    }

    public int Element(int i) => element[i];
    public int Charge(int i) => charge[i];
    public bool Aromatic(int i) => aromatic[i];
    public IReadOnlyList<(int To, BondQuery Kind)> Neighbours(int i) => neighbours[i];

    /// <summary>Total connections (SMARTS <c>X</c>): every neighbour, hydrogens included.</summary>
    public int Connections(int i) => neighbours[i].Count;

    /// <summary>Total hydrogens (SMARTS <c>H</c>): the hydrogen atoms bonded to it.</summary>
    public int Hydrogens(int i)
    {
        int n = 0;
        foreach (var (to, _) in neighbours[i]) if (element[to] == 1) n++;
        return n;
    }

    /// <summary>The molecule atom a graph atom belongs to: itself, or the heavy atom an added hydrogen hangs on.</summary>
    public int Owner(int i) => i < MoleculeAtoms ? i : neighbours[i][0].To;
}
