namespace Vae.Applications.Chemistry;

/// <summary>
/// Ring membership and the smallest set of smallest rings (SSSR). A bond is in a ring when it is
/// not a bridge (removing it does not disconnect its atoms); the SSSR is a minimum cycle basis
/// chosen greedily by size from the shortest cycle through each bond (Horton's candidates).
/// </summary>
public sealed class Rings
{
    Rings(bool[] ringBond, bool[] ringAtom, List<int[]> atomRings, List<int[]> bondRings)
    {
        IsRingBond = ringBond;
        IsRingAtom = ringAtom;
        AtomRings = atomRings;
        BondRings = bondRings;
    }

    public bool[] IsRingBond { get; }
    public bool[] IsRingAtom { get; }

    /// <summary>SSSR rings as atom indices in ring order.</summary>
    public List<int[]> AtomRings { get; }

    /// <summary>The same rings as bond indices.</summary>
    public List<int[]> BondRings { get; }

    public bool InRingOfSize(int atom, int size) => AtomRings.Any(r => r.Length == size && r.Contains(atom));

    public static Rings Find(Molecule mol)
    {
        var ringBond = FindRingBonds(mol);
        var ringAtom = new bool[mol.Atoms.Count];
        for (int b = 0; b < mol.Bonds.Count; b++)
            if (ringBond[b]) ringAtom[mol.Bonds[b].A] = ringAtom[mol.Bonds[b].B] = true;
        var (atomRings, bondRings) = Sssr(mol, ringBond);
        return new Rings(ringBond, ringAtom, atomRings, bondRings);
    }

    static bool[] FindRingBonds(Molecule mol)
    {
        int n = mol.Atoms.Count;
        var order = Enumerable.Repeat(-1, n).ToArray();
        var low = new int[n];
        var ring = Enumerable.Repeat(true, mol.Bonds.Count).ToArray();
        int counter = 0;
        for (int root = 0; root < n; root++)
        {
            if (order[root] >= 0) continue;
            // iterative DFS: (atom, bond used to enter, next incident index)
            var stack = new Stack<(int Atom, int Via, int Next)>();
            order[root] = low[root] = counter++;
            stack.Push((root, -1, 0));
            while (stack.Count > 0)
            {
                var (a, via, next) = stack.Pop();
                var bonds = mol.BondsOf(a);
                if (next < bonds.Count)
                {
                    stack.Push((a, via, next + 1));
                    int b = bonds[next];
                    if (b == via) continue;
                    int o = mol.Bonds[b].Other(a);
                    if (order[o] < 0)
                    {
                        order[o] = low[o] = counter++;
                        stack.Push((o, b, 0));
                    }
                    else low[a] = Math.Min(low[a], order[o]);
                    continue;
                }
                if (via < 0) continue;
                int parent = mol.Bonds[via].Other(a);
                low[parent] = Math.Min(low[parent], low[a]);
                if (low[a] > order[parent]) ring[via] = false;
            }
        }
        return ring;
    }

    static (List<int[]>, List<int[]>) Sssr(Molecule mol, bool[] ringBond)
    {
        int needed = mol.Bonds.Count - mol.Atoms.Count + mol.ComponentCount;
        var atomRings = new List<int[]>();
        var bondRings = new List<int[]>();
        if (needed == 0) return (atomRings, bondRings);
        var candidates = new List<int[]>();
        var seen = new HashSet<string>();
        for (int b = 0; b < mol.Bonds.Count; b++)
        {
            if (!ringBond[b]) continue;
            foreach (var cycle in ShortestCyclesThrough(mol, b, ringBond))
            {
                string key = string.Join(",", cycle.Order());
                if (seen.Add(key)) candidates.Add(cycle);
            }
        }
        var basis = new Gf2Basis(mol.Bonds.Count);
        foreach (var cycle in candidates.OrderBy(c => c.Length))
        {
            if (!basis.AddIfIndependent(cycle)) continue;
            bondRings.Add(cycle);
            atomRings.Add(AtomsInOrder(mol, cycle));
            if (bondRings.Count == needed) break;
        }
        return (atomRings, bondRings);
    }

    /// <summary>Shortest cycles through bond <paramref name="bond"/>: its atoms joined by shortest paths avoiding it (all ties).</summary>
    static IEnumerable<int[]> ShortestCyclesThrough(Molecule mol, int bond, bool[] ringBond)
    {
        int start = mol.Bonds[bond].A, goal = mol.Bonds[bond].B;
        int n = mol.Atoms.Count;
        var dist = Enumerable.Repeat(-1, n).ToArray();
        var parents = new List<int>[n]; // bonds leading back toward start on shortest paths
        dist[start] = 0;
        var queue = new Queue<int>();
        queue.Enqueue(start);
        while (queue.Count > 0)
        {
            int a = queue.Dequeue();
            if (dist[goal] >= 0 && dist[a] >= dist[goal]) break;
            foreach (int b in mol.BondsOf(a))
            {
                if (b == bond || !ringBond[b]) continue;
                int o = mol.Bonds[b].Other(a);
                if (dist[o] < 0) { dist[o] = dist[a] + 1; parents[o] = [b]; queue.Enqueue(o); }
                else if (dist[o] == dist[a] + 1) parents[o].Add(b);
            }
        }
        if (dist[goal] < 0) yield break;
        int produced = 0;
        foreach (var path in Paths(mol, goal, start, parents))
        {
            yield return [bond, .. path];
            if (++produced >= 8) yield break; // enough ties for a basis in any real molecule
        }
    }

    static IEnumerable<List<int>> Paths(Molecule mol, int atom, int start, List<int>[] parents)
    {
        if (atom == start) { yield return []; yield break; }
        foreach (int b in parents[atom])
            foreach (var rest in Paths(mol, mol.Bonds[b].Other(atom), start, parents))
            {
                rest.Add(b);
                yield return rest;
            }
    }

    static int[] AtomsInOrder(Molecule mol, int[] bonds)
    {
        var atoms = new List<int> { mol.Bonds[bonds[0]].A };
        var used = new HashSet<int> { bonds[0] };
        int current = mol.Bonds[bonds[0]].B;
        while (current != atoms[0])
        {
            atoms.Add(current);
            int next = bonds.First(b => !used.Contains(b) && (mol.Bonds[b].A == current || mol.Bonds[b].B == current));
            used.Add(next);
            current = mol.Bonds[next].Other(current);
        }
        return atoms.ToArray();
    }
}
