using System.Text;

namespace Vae.Applications.Chemistry;

/// <summary>
/// A canonical-ish SMILES: the same string for the same molecule however it was written (atom
/// order, Kekulé or aromatic spelling, ring-closure numbers, explicit [H] atoms), good enough to
/// count unique and novel molecules. Atoms are ranked by iterative refinement of their invariants
/// (element, aromaticity, charge, hydrogens, degree, isotope, ring membership) through their
/// neighbours, ties broken one at a time, and the string is written depth-first in rank order.
/// Limits: stereochemistry (@, /, \) is dropped, so stereoisomers share one form; a tie that
/// refinement cannot separate and that is not a symmetry of the molecule (rare, highly regular
/// graphs) can give two strings for one molecule; tautomers and other resonance forms with
/// different hydrogens or charges are different molecules here; aromaticity follows RDKit's model.
/// </summary>
public static class CanonicalSmiles
{
    /// <summary>The canonical form of a SMILES string, or null when it is not valid.</summary>
    public static string? Of(string smiles)
    {
        var check = SmilesChecker.Check(smiles);
        return check.Valid ? Write(check.ValidMolecule) : null;
    }

    /// <summary>The canonical form of a checked molecule (aromaticity perceived).</summary>
    public static string Write(Molecule input) => Spell(input, Rank, sortFragments: true);

    /// <summary>
    /// A random valid spelling of a checked molecule (Bjerrum 2017): the writer of the canonical form
    /// run on a random atom order instead of the canonical ranks, so the start atom of each fragment,
    /// the order of branches, which bonds close rings and the order of the fragments are all random.
    /// It reads back as the same molecule: <see cref="Of"/> gives the canonical form of the input.
    /// </summary>
    public static string WriteRandom(Molecule input, Random random) =>
        Spell(input, mol => RandomRanks(mol.Atoms.Count, random), sortFragments: false);

    static int[] RandomRanks(int n, Random random)
    {
        var ranks = Enumerable.Range(0, n).ToArray();
        random.Shuffle(ranks);
        return ranks;
    }

    static string Spell(Molecule input, Func<Molecule, int[]> rank, bool sortFragments)
    {
        var mol = FoldHydrogens(input);
        var ranks = rank(mol);
        var comp = mol.Components();
        var fragments = new List<(int First, string Text)>();
        foreach (var group in Enumerable.Range(0, mol.Atoms.Count).GroupBy(a => comp[a]))
        {
            int start = group.MinBy(a => ranks[a]);
            fragments.Add((ranks[start], new Writer(mol, ranks).Write(start)));
        }
        var texts = sortFragments ? fragments.Select(f => f.Text).Order(StringComparer.Ordinal) : fragments.OrderBy(f => f.First).Select(f => f.Text);
        return string.Join(".", texts);
    }

    /// <summary>Removes plain [H] atoms bonded to one heavy atom, adding them to that atom's hydrogens.</summary>
    static Molecule FoldHydrogens(Molecule mol)
    {
        var keep = new int[mol.Atoms.Count];
        var extraH = new int[mol.Atoms.Count];
        for (int i = 0; i < mol.Atoms.Count; i++)
        {
            var a = mol.Atoms[i];
            bool plainH = a.Element == 1 && a.Isotope == 0 && a.Charge == 0 && a.Hydrogens == 0 && mol.Degree(i) == 1
                && mol.Atoms[mol.Bonds[mol.BondsOf(i)[0]].Other(i)].Element > 1;
            keep[i] = plainH ? -1 : 0;
            if (plainH) extraH[mol.Bonds[mol.BondsOf(i)[0]].Other(i)]++;
        }
        if (keep.All(k => k == 0)) return mol;
        var result = new Molecule();
        for (int i = 0; i < mol.Atoms.Count; i++)
        {
            if (keep[i] < 0) continue;
            var atom = mol.Atoms[i].Clone();
            atom.ImplicitHydrogens += extraH[i];
            keep[i] = result.AddAtom(atom);
        }
        foreach (var b in mol.Bonds)
            if (keep[b.A] >= 0 && keep[b.B] >= 0)
                result.AddBond(keep[b.A], keep[b.B], b.Order).Aromatic = b.Aromatic;
        return result;
    }

    static int BondCode(Bond b) => b.Aromatic ? 5 : (int)b.Order;

    static int[] Rank(Molecule mol)
    {
        int n = mol.Atoms.Count;
        var keys = new string[n];
        for (int i = 0; i < n; i++)
        {
            var a = mol.Atoms[i];
            // degree first, so that the string starts at a terminal atom
            int multiple = mol.BondsOf(i).Count(b => mol.Bonds[b].Order != BondOrder.Single || mol.Bonds[b].Aromatic);
            keys[i] = string.Join(",", new[] { mol.Degree(i), a.Element, a.Aromatic ? 1 : 0, a.Charge + 50, a.Hydrogens, a.Isotope, multiple, a.Radicals }
                .Select(v => v.ToString("D3")));
        }
        var ranks = DenseRanks(keys);
        while (true)
        {
            ranks = Refine(mol, ranks);
            int tied = TiedRank(ranks);
            if (tied < 0) return ranks;
            // break the tie: the first atom of the lowest tied class goes first
            int chosen = Array.IndexOf(ranks, tied);
            for (int i = 0; i < n; i++) ranks[i] = ranks[i] * 2 + (ranks[i] == tied && i != chosen ? 1 : 0);
            ranks = DenseRanks(ranks.Select(r => r.ToString("D9")).ToArray());
        }
    }

    static int[] Refine(Molecule mol, int[] ranks)
    {
        int classes = ranks.Distinct().Count();
        while (true)
        {
            var keys = new string[ranks.Length];
            for (int i = 0; i < ranks.Length; i++)
            {
                var neighbours = mol.BondsOf(i)
                    .Select(b => ranks[mol.Bonds[b].Other(i)] * 8 + BondCode(mol.Bonds[b]))
                    .Order().Select(v => v.ToString("D9"));
                keys[i] = ranks[i].ToString("D9") + ":" + string.Join(",", neighbours);
            }
            var next = DenseRanks(keys);
            int count = next.Distinct().Count();
            if (count == classes) return ranks;
            ranks = next;
            classes = count;
        }
    }

    static int TiedRank(int[] ranks)
    {
        var counts = new Dictionary<int, int>();
        foreach (int r in ranks) counts[r] = counts.GetValueOrDefault(r) + 1;
        var tied = counts.Where(kv => kv.Value > 1).Select(kv => kv.Key).ToList();
        return tied.Count == 0 ? -1 : tied.Min();
    }

    static int[] DenseRanks(string[] keys)
    {
        var distinct = keys.Distinct().Order(StringComparer.Ordinal).ToList();
        var index = distinct.Select((k, i) => (k, i)).ToDictionary(t => t.k, t => t.i);
        return keys.Select(k => index[k]).ToArray();
    }

    sealed class Writer(Molecule mol, int[] ranks)
    {
        readonly bool[] visited = new bool[mol.Atoms.Count];
        readonly Dictionary<int, List<int>> closuresAt = [];   // atom -> ring-closure bonds
        readonly HashSet<int> treeBonds = [];
        readonly Dictionary<int, int> openLabels = [];         // bond -> label
        readonly SortedSet<int> freeLabels = new(Enumerable.Range(1, 99));
        readonly StringBuilder sb = new();

        public string Write(int start)
        {
            FindTree(start, -1);
            Array.Clear(visited);
            Emit(start, -1);
            return sb.ToString();
        }

        IEnumerable<int> OrderedBonds(int atom, int via) =>
            mol.BondsOf(atom).Where(b => b != via).OrderBy(b => ranks[mol.Bonds[b].Other(atom)]);

        void FindTree(int atom, int via)
        {
            visited[atom] = true;
            foreach (int b in OrderedBonds(atom, via))
            {
                int other = mol.Bonds[b].Other(atom);
                if (!visited[other]) { treeBonds.Add(b); FindTree(other, b); }
                else if (!treeBonds.Contains(b) && !closuresAt.GetValueOrDefault(atom, []).Contains(b))
                {
                    Add(atom, b);
                    Add(other, b);
                }
            }
        }

        void Add(int atom, int bond)
        {
            if (!closuresAt.TryGetValue(atom, out var list)) closuresAt[atom] = list = [];
            list.Add(bond);
        }

        void Emit(int atom, int via)
        {
            visited[atom] = true;
            if (via >= 0) sb.Append(BondSymbol(mol.Bonds[via]));
            sb.Append(AtomText(atom));
            foreach (int b in closuresAt.GetValueOrDefault(atom, []).OrderBy(b => ranks[mol.Bonds[b].Other(atom)]))
            {
                if (openLabels.Remove(b, out int label))
                {
                    sb.Append(Label(label));
                    freeLabels.Add(label);
                }
                else
                {
                    label = freeLabels.Min;
                    freeLabels.Remove(label);
                    openLabels[b] = label;
                    sb.Append(BondSymbol(mol.Bonds[b])).Append(Label(label));
                }
            }
            var children = OrderedBonds(atom, via).Where(treeBonds.Contains).ToList();
            for (int i = 0; i < children.Count; i++)
            {
                int child = mol.Bonds[children[i]].Other(atom);
                if (i < children.Count - 1) sb.Append('(');
                Emit(child, children[i]);
                if (i < children.Count - 1) sb.Append(')');
            }
        }

        static string Label(int label) => label < 10 ? label.ToString() : $"%{label}";

        string BondSymbol(Bond b)
        {
            if (b.Aromatic) return "";
            bool bothAromatic = mol.Atoms[b.A].Aromatic && mol.Atoms[b.B].Aromatic;
            return b.Order switch
            {
                BondOrder.Single => bothAromatic ? "-" : "",
                BondOrder.Double => "=",
                BondOrder.Triple => "#",
                BondOrder.Quadruple => "$",
                _ => "",
            };
        }

        string AtomText(int i)
        {
            var a = mol.Atoms[i];
            string symbol = a.Element == 0 ? "*" : a.Aromatic ? a.Symbol.ToLowerInvariant() : a.Symbol;
            if (CanWriteBare(i)) return symbol;
            var sb2 = new StringBuilder("[");
            if (a.Isotope > 0) sb2.Append(a.Isotope);
            sb2.Append(symbol);
            if (a.Hydrogens == 1) sb2.Append('H');
            else if (a.Hydrogens > 1) sb2.Append('H').Append(a.Hydrogens);
            if (a.Charge != 0)
                sb2.Append(a.Charge > 0 ? '+' : '-').Append(Math.Abs(a.Charge) > 1 ? Math.Abs(a.Charge).ToString() : "");
            return sb2.Append(']').ToString();
        }

        /// <summary>Whether the atom reads back identically without brackets (organic subset, hydrogens implied).</summary>
        bool CanWriteBare(int i)
        {
            var a = mol.Atoms[i];
            if (a.Charge != 0 || a.Isotope != 0 || a.Radicals != 0) return false;
            if (a.Element == 0) return a.Hydrogens == 0;
            if (a.Element is not (5 or 6 or 7 or 8 or 15 or 16 or 9 or 17 or 35 or 53)) return false;
            if (a.Aromatic && a.Element is 9 or 17 or 35 or 53) return false;
            double sum = mol.BondsOf(i).Sum(b => mol.Bonds[b].Aromatic ? 1.5 : (int)mol.Bonds[b].Order);
            var probe = new Atom { Element = a.Element, Aromatic = a.Aromatic };
            return Valence.ImplicitHydrogensFor(probe, sum) == a.Hydrogens;
        }
    }
}
