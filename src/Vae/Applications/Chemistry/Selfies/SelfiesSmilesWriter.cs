using System.Text;

namespace Vae.Applications.Chemistry.Selfies;

/// <summary>
/// Writes a Kekulé molecule (as <see cref="SelfiesDecoder"/> derives it) as SMILES in its atom order:
/// depth first from the lowest unvisited atom, always to the lowest-numbered unvisited neighbour, so a
/// derivation's atoms come out in the order they were derived; ring-closure labels are reused from 1 up.
/// Atoms outside brackets stay so (their hydrogens implied), bracket atoms keep their hydrogens, charge,
/// isotope and chirality mark. Bond directions are written on chain bonds only.
/// </summary>
public static class SelfiesSmilesWriter
{
    public static string Write(Molecule mol)
    {
        var visited = new bool[mol.Atoms.Count];
        var fragments = new List<string>();
        for (int root = 0; root < mol.Atoms.Count; root++)
        {
            if (visited[root]) continue;
            var tree = new HashSet<int>();
            FindTree(mol, root, visited, tree);
            var sb = new StringBuilder();
            new Emitter(mol, tree, sb).Emit(root, -1);
            fragments.Add(sb.ToString());
        }
        return string.Join(".", fragments);
    }

    static IEnumerable<int> ByNeighbour(Molecule mol, int atom) => mol.BondsOf(atom).OrderBy(b => mol.Bonds[b].Other(atom));

    static void FindTree(Molecule mol, int root, bool[] visited, HashSet<int> tree)
    {
        var stack = new Stack<(int Atom, IEnumerator<int> Bonds)>();
        visited[root] = true;
        stack.Push((root, ByNeighbour(mol, root).GetEnumerator()));
        while (stack.Count > 0)
        {
            var (atom, bonds) = stack.Peek();
            if (!bonds.MoveNext()) { stack.Pop(); continue; }
            int other = mol.Bonds[bonds.Current].Other(atom);
            if (visited[other]) continue;
            visited[other] = true;
            tree.Add(bonds.Current);
            stack.Push((other, ByNeighbour(mol, other).GetEnumerator()));
        }
    }

    sealed class Emitter(Molecule mol, HashSet<int> tree, StringBuilder sb)
    {
        readonly Dictionary<int, int> open = [];
        readonly SortedSet<int> free = new(Enumerable.Range(1, 999));

        public void Emit(int root, int via)
        {
            // an explicit stack (an atom, or a parenthesis to write): a chain of thousands of atoms must not overflow the call stack
            var stack = new Stack<(int Atom, int Via, char Text)>();
            stack.Push((root, via, '\0'));
            while (stack.Count > 0)
            {
                var (atom, bond, text) = stack.Pop();
                if (text != '\0') { sb.Append(text); continue; }
                if (bond >= 0) sb.Append(Symbol(mol.Bonds[bond], chain: true));
                sb.Append(AtomText(mol.Atoms[atom]));
                foreach (int b in mol.BondsOf(atom).Where(b => !tree.Contains(b)).OrderBy(b => b))
                {
                    if (open.Remove(b, out int label)) { sb.Append(Label(label)); free.Add(label); continue; }
                    label = free.Min;
                    free.Remove(label);
                    open[b] = label;
                    sb.Append(Symbol(mol.Bonds[b], chain: false)).Append(Label(label));
                }
                var children = mol.BondsOf(atom).Where(b => b != bond && tree.Contains(b)).OrderBy(b => mol.Bonds[b].Other(atom)).ToList();
                for (int i = children.Count - 1; i >= 0; i--)
                {
                    bool branch = i < children.Count - 1;
                    if (branch) stack.Push((-1, -1, ')'));
                    stack.Push((mol.Bonds[children[i]].Other(atom), children[i], '\0'));
                    if (branch) stack.Push((-1, -1, '('));
                }
            }
        }

        static string Label(int label) => label < 10 ? label.ToString() : label < 100 ? $"%{label}" : $"%({label})";

        static string Symbol(Bond b, bool chain) => b.Order switch
        {
            BondOrder.Double => "=",
            BondOrder.Triple => "#",
            _ => chain && b.Direction is '/' or '\\' ? b.Direction.ToString() : "",
        };

        static string AtomText(Atom a)
        {
            if (!a.Bracket) return a.Symbol;
            var sb = new StringBuilder("[");
            if (a.Isotope > 0) sb.Append(a.Isotope);
            sb.Append(a.Symbol).Append(a.Chirality);
            if (a.BracketHydrogens > 0) sb.Append('H').Append(a.BracketHydrogens > 1 ? a.BracketHydrogens.ToString() : "");
            if (a.Charge != 0) sb.Append(a.Charge > 0 ? '+' : '-').Append(Math.Abs(a.Charge) > 1 ? Math.Abs(a.Charge).ToString() : "");
            return sb.Append(']').ToString();
        }
    }
}
