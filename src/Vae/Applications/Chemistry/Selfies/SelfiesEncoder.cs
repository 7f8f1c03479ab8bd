using System.Text;

namespace Vae.Applications.Chemistry.Selfies;

/// <summary>
/// Writes a SMILES string as SELFIES in the SMILES's own atom order, as the reference encoder does:
/// the molecule is checked and kekulized first (<see cref="SmilesChecker"/>; SELFIES has no aromatic
/// symbols), every atom must keep its bonding capacity (<see cref="BondingCapacity"/>), and the
/// string's tree is walked: an atom symbol with the bond into it, ring closures where the SMILES
/// closes them (a ring symbol and the distance back, in index symbols), then each branch but the last
/// as a branch symbol with its length, and the last bond as the chain. A chiral atom whose ring bonds
/// would come back in another order has its mark flipped, so the decoded SMILES keeps its handedness.
/// Not supported (as in the reference): the wildcard *, quadruple bonds, chirality other than @ and @@.
/// </summary>
public static class SelfiesEncoder
{
    /// <summary>The SELFIES string of a SMILES string, or <see cref="SelfiesException"/> with the reason.</summary>
    public static string Encode(string smiles) => string.Concat(EncodeSymbols(smiles));

    /// <summary>The SELFIES symbols of a SMILES string ('.' between fragments as a symbol of its own).</summary>
    public static List<string> EncodeSymbols(string smiles)
    {
        Molecule mol;
        try { mol = SmilesParser.Parse(smiles); }
        catch (SmilesException e) { throw new SelfiesException($"not valid SMILES: {e.Message}"); }
        var layout = SmilesLayout.Read(smiles);
        var check = SmilesChecker.Check(mol, smiles);   // kekulizes mol in place, keeping atom and bond indices
        if (!check.Valid) throw new SelfiesException($"not a valid molecule: {check.Reason}");
        Validate(mol);
        var written = new Writer(mol, layout);
        var symbols = new List<string>();
        foreach (int root in layout.Roots)
        {
            if (symbols.Count > 0) symbols.Add(".");
            written.Chain(root, -1, symbols);
        }
        return symbols;
    }

    static void Validate(Molecule mol)
    {
        foreach (var bond in mol.Bonds)
            if (bond.Order is not (BondOrder.Single or BondOrder.Double or BondOrder.Triple))
                throw new SelfiesException($"a {bond.Order.ToString().ToLowerInvariant()} bond has no SELFIES symbol");
        for (int i = 0; i < mol.Atoms.Count; i++)
        {
            var atom = mol.Atoms[i];
            if (atom.Element == 0) throw new SelfiesException("the wildcard atom * has no SELFIES symbol");
            if (atom.Chirality is not ("" or "@" or "@@")) throw new SelfiesException($"chirality {atom.Chirality} is not supported (only @ and @@)");
            int bonds = mol.BondsOf(i).Sum(b => (int)mol.Bonds[b].Order);
            int capacity = BondingCapacity.Of(atom.Element, atom.Charge) - (Written(atom) ? atom.Hydrogens : 0);
            if (bonds > capacity)
                throw new SelfiesException($"atom {i + 1} ({AtomBody(atom, atom.Chirality)}) makes {bonds} bonds; SELFIES allows it {capacity}");
        }
    }

    /// <summary>Whether an atom's symbol states its hydrogens (a bracket atom, or one the checker gave a charge).</summary>
    static bool Written(Atom atom) => atom.Bracket || atom.Charge != 0;

    /// <summary>The atom part of a symbol: bare for organic-subset atoms outside brackets, else isotope, element, chirality, H count (H0 where a bare symbol would mean implied hydrogens) and charge.</summary>
    internal static string AtomBody(Atom atom, string chirality)
    {
        if (!Written(atom)) return atom.Symbol;
        var sb = new StringBuilder();
        if (atom.Isotope > 0) sb.Append(atom.Isotope);
        sb.Append(atom.Symbol).Append(chirality);
        if (atom.Hydrogens > 0) sb.Append('H').Append(atom.Hydrogens);
        else if (atom.Isotope == 0 && chirality == "" && atom.Charge == 0 && SelfiesSymbol.OrganicSubset.Contains(atom.Symbol)) sb.Append("H0");
        if (atom.Charge != 0) sb.Append(atom.Charge > 0 ? '+' : '-').Append(Math.Abs(atom.Charge));
        return sb.ToString();
    }

    static string OrderChar(BondOrder order) => order switch { BondOrder.Double => "=", BondOrder.Triple => "#", _ => "" };

    sealed class Writer(Molecule mol, SmilesLayout layout)
    {
        /// <summary>Writes the chain that starts at <paramref name="start"/> (entered through bond <paramref name="via"/>), its branches within.</summary>
        public void Chain(int start, int via, List<string> output)
        {
            int atom = start;
            while (true)
            {
                string bond = via < 0 ? "" : mol.Bonds[via].Order == BondOrder.Single && mol.Bonds[via].Direction is '/' or '\\'
                    ? mol.Bonds[via].Direction.ToString() : OrderChar(mol.Bonds[via].Order);
                output.Add($"[{bond}{AtomBody(mol.Atoms[atom], Chirality(atom))}]");
                foreach (var ring in layout.RingsAt[atom].Where(r => r.Partner < atom))
                {
                    var distance = SelfiesIndex.Write(atom - ring.Partner - 1);
                    output.Add($"[{RingBond(ring)}Ring{distance.Count}]");
                    output.AddRange(distance);
                }
                var children = Children(atom);
                if (children.Count == 0) return;
                foreach (var (child, childBond) in children.SkipLast(1))
                {
                    var branch = new List<string>();
                    Chain(child, childBond, branch);
                    var length = SelfiesIndex.Write(branch.Count - 1);
                    output.Add($"[{OrderChar(mol.Bonds[childBond].Order)}Branch{length.Count}]");
                    output.AddRange(length);
                    output.AddRange(branch);
                }
                (atom, via) = children[^1];
            }
        }

        List<(int Atom, int Bond)> Children(int atom) =>
            mol.BondsOf(atom).Select(b => (Atom: mol.Bonds[b].Other(atom), Bond: b))
                .Where(c => c.Atom > atom && !layout.IsRingBond(atom, c.Atom)).OrderBy(c => c.Atom).ToList();

        string RingBond(SmilesLayout.RingDigit ring)
        {
            var order = mol.BondBetween(ring.Partner, ring.Atom)!.Order;
            char left = ring.PartnerDirection, right = ring.Direction;
            if (order != BondOrder.Single || (left == '\0' && right == '\0')) return OrderChar(order);
            return $"{(left == '\0' ? '-' : left)}{(right == '\0' ? '-' : right)}";
        }

        /// <summary>
        /// The chirality mark to write: a chiral atom with ring bonds has them read back in another order
        /// (ring closures it ends first, then the rings it opens by partner, then its branches and chain),
        /// so the mark flips when that reordering of its written bonds is an odd permutation.
        /// </summary>
        string Chirality(int atom)
        {
            string mark = mol.Atoms[atom].Chirality;
            var rings = layout.RingsAt[atom];
            if (mark == "" || rings.Count == 0) return mark;
            var written = rings.Select((r, i) => (Key: r.Partner < atom ? (0, i) : (1, r.Partner), Position: i))
                .Concat(Children(atom).Select((c, i) => (Key: (2, i), Position: rings.Count + i))).ToList();
            var permutation = written.OrderBy(w => w.Key).Select(w => w.Position).ToArray();
            int inversions = 0;
            for (int i = 0; i < permutation.Length; i++)
                for (int j = i + 1; j < permutation.Length; j++)
                    if (permutation[i] > permutation[j]) inversions++;
            return inversions % 2 == 0 ? mark : mark == "@" ? "@@" : "@";
        }
    }
}
