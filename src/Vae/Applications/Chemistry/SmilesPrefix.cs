using System.Text;

namespace Vae.Applications.Chemistry;

/// <summary>What a SMILES token is to the syntax: an atom (bracket atoms are one token), a bond, '.', '(' , ')', a ring label, or something no SMILES has.</summary>
public enum SmilesTokenKind { Atom, Bond, Dot, Open, Close, Ring, Invalid }

/// <summary>
/// The syntactic state of a SMILES prefix, exactly as <see cref="SmilesParser"/> keeps it while it reads: the
/// current atom (the one the next atom bonds to), a pending bond symbol, whether the prefix ends in '.' or in
/// '(' [bond], the branch points of the open branches, the open ring closures (their atom and bond order),
/// and the bonds between the atoms that can still take part in a ring closure. <see cref="Step"/> applies one
/// token with the parser's rules and says whether the parser would have thrown at it; <see cref="IsComplete"/>
/// says whether the parser would accept the prefix as it is. Atoms that can no longer matter (neither the
/// current atom, a branch point nor a ring opener) are forgotten, so prefixes that differ only in them have
/// the same <see cref="Key"/>.
/// </summary>
public sealed class SmilesPrefix
{
    int previous = -1, nextAtom;
    BondOrder? bond;
    bool afterDot;
    int afterOpen;                                            // 1 right after '(', 2 after '(' and a bond
    readonly List<int> branches = [];                         // branch points, innermost last
    readonly SortedDictionary<int, (int Atom, BondOrder? Order)> rings = [];
    readonly HashSet<(int, int)> bonds = [];                  // between remembered atoms, smaller id first
    readonly Dictionary<int, (int Used, int Max)> valence = []; // remembered atoms with a valence limit: bond orders so far (a ring bond counted when opened)

    public int OpenBranches => branches.Count;
    public int OpenRings => rings.Count;
    public IEnumerable<int> OpenRingLabels => rings.Keys;

    /// <summary>Whether the parser accepts the prefix as a whole SMILES string.</summary>
    public bool IsComplete => previous >= 0 && bond is null && !afterDot && afterOpen == 0 && branches.Count == 0 && rings.Count == 0;

    public SmilesPrefix Clone()
    {
        var c = new SmilesPrefix { previous = previous, nextAtom = nextAtom, bond = bond, afterDot = afterDot, afterOpen = afterOpen };
        c.branches.AddRange(branches);
        foreach (var (label, ring) in rings) c.rings[label] = ring;
        c.bonds.UnionWith(bonds);
        foreach (var (atom, v) in valence) c.valence[atom] = v;
        return c;
    }

    /// <summary>Applies a token; false when <see cref="SmilesParser"/> would throw at it (the prefix is then undefined).</summary>
    /// <param name="maxValence">for an atom with a valence rule (<see cref="MaxValence"/>), the most bond orders it may
    /// carry: a token that would give it more is refused (an aromatic bond counts 1, a ring bond from its opening); −1 = no rule.</param>
    public bool Step(SmilesTokenKind kind, BondOrder order = BondOrder.Single, int label = 0, int maxValence = -1)
    {
        if (kind == SmilesTokenKind.Invalid) return false;
        bool isBond = kind == SmilesTokenKind.Bond;
        if (afterOpen > 0 && kind != SmilesTokenKind.Atom && !(isBond && afterOpen == 1)) return false;
        afterOpen = isBond && afterOpen == 1 ? 2 : 0;
        switch (kind)
        {
            case SmilesTokenKind.Atom:
                int atom = nextAtom++;
                if (maxValence >= 0) valence[atom] = (0, maxValence);
                if (previous >= 0)
                {
                    Bond(previous, atom);
                    if (!Use(previous, Count(bond)) || !Use(atom, Count(bond))) return false;
                }
                else if (bond is not null) return false;
                previous = atom;
                bond = null;
                afterDot = false;
                break;
            case SmilesTokenKind.Bond:
                if (previous < 0 || bond is not null || !Fits(previous, Count(order))) return false;
                bond = order;
                break;
            case SmilesTokenKind.Dot:
                if (previous < 0 || afterDot || bond is not null) return false;
                previous = -1;
                afterDot = true;
                break;
            case SmilesTokenKind.Open:
                if (previous < 0 || bond is not null || !Fits(previous, 1)) return false;
                branches.Add(previous);
                afterOpen = 1;
                break;
            case SmilesTokenKind.Close:
                if (branches.Count == 0 || bond is not null || afterDot) return false;
                previous = branches[^1];
                branches.RemoveAt(branches.Count - 1);
                break;
            case SmilesTokenKind.Ring:
                if (previous < 0) return false;
                if (rings.Remove(label, out var open))
                {
                    if (open.Atom == previous || bonds.Contains(Pair(open.Atom, previous))) return false;
                    if (open.Order is not null && bond is not null && open.Order != bond) return false;
                    Bond(open.Atom, previous);
                    int n = Count(bond ?? open.Order);
                    if (!Use(previous, n) || !Use(open.Atom, n - Count(open.Order))) return false;
                }
                else
                {
                    rings[label] = (previous, bond);
                    if (!Use(previous, Count(bond))) return false;
                }
                bond = null;
                break;
        }
        Forget();
        return true;
    }

    void Bond(int a, int b) => bonds.Add(Pair(a, b));

    // Bond orders a bond adds to an atom's valence at least (no symbol: single, or aromatic, which counts 1).
    static int Count(BondOrder? order) => order is BondOrder.Double ? 2 : order is BondOrder.Triple ? 3 : order is BondOrder.Quadruple ? 4 : 1;

    bool Fits(int atom, int n) => !valence.TryGetValue(atom, out var v) || v.Used + n <= v.Max;

    bool Use(int atom, int n)
    {
        if (!valence.TryGetValue(atom, out var v)) return true;
        valence[atom] = (v.Used + n, v.Max);
        return v.Used + n <= v.Max;
    }

    /// <summary>
    /// The most bond orders an atom token may carry for the valence rule: the element's largest allowed valence for
    /// atoms outside brackets (N and n 5, Cl, Br and I 7: the checker reads pentavalent nitro and halogen oxides);
    /// −1 (no rule) for bracket atoms, whose charges and hydrogens change it, and for '*'.
    /// </summary>
    public static int MaxValence(string token)
    {
        if (token.StartsWith('[') || token == "*") return -1;
        string symbol = token.Length == 1 ? char.ToUpperInvariant(token[0]).ToString() : token;
        if (symbol is "N") return 5;
        if (symbol is "Cl" or "Br" or "I") return 7;
        int max = Elements.MaxValence(Elements.AtomicNumber(symbol));
        return max < 0 ? -1 : max;
    }

    static (int, int) Pair(int a, int b) => a < b ? (a, b) : (b, a);

    // Drops the bonds of atoms that can no longer close a ring or be bonded to again.
    void Forget()
    {
        var kept = Remembered();
        bonds.RemoveWhere(p => !kept.Contains(p.Item1) || !kept.Contains(p.Item2));
        foreach (int atom in valence.Keys.Where(a => !kept.Contains(a)).ToList()) valence.Remove(atom);
    }

    HashSet<int> Remembered()
    {
        var kept = new HashSet<int>(branches);
        if (previous >= 0) kept.Add(previous);
        foreach (var r in rings.Values) kept.Add(r.Atom);
        return kept;
    }

    /// <summary>
    /// The state with the remembered atoms renumbered in order of first mention (current atom, branch points,
    /// ring openers by label): equal keys, equal futures.
    /// </summary>
    public string Key
    {
        get
        {
            var ids = new Dictionary<int, int>();
            int Id(int a) => a < 0 ? -1 : ids.TryGetValue(a, out int i) ? i : ids[a] = ids.Count;
            var sb = new StringBuilder();
            sb.Append(Id(previous)).Append('|').Append(bond is null ? "-" : ((int)bond).ToString()).Append('|')
              .Append(afterDot ? 1 : 0).Append(afterOpen).Append('|');
            foreach (int a in branches) sb.Append(Id(a)).Append(',');
            sb.Append('|');
            foreach (var (label, ring) in rings) sb.Append(label).Append(':').Append(Id(ring.Atom)).Append(':').Append(ring.Order is null ? "-" : ((int)ring.Order).ToString()).Append(',');
            sb.Append('|');
            foreach (var (a, b) in bonds.Select(p => Pair(Id(p.Item1), Id(p.Item2))).Order()) sb.Append(a).Append('-').Append(b).Append(',');
            sb.Append('|');
            foreach (var (a, v) in valence.Select(kv => (Id(kv.Key), kv.Value)).OrderBy(x => x.Item1)) sb.Append(a).Append(':').Append(v.Used).Append('/').Append(v.Max).Append(',');
            return sb.ToString();
        }
    }

    /// <summary>What a token is to the syntax, with its bond order or ring label.</summary>
    public static (SmilesTokenKind Kind, BondOrder Order, int Label) Classify(string token)
    {
        switch (token)
        {
            case "-" or "/" or "\\": return (SmilesTokenKind.Bond, BondOrder.Single, 0);
            case "=": return (SmilesTokenKind.Bond, BondOrder.Double, 0);
            case "#": return (SmilesTokenKind.Bond, BondOrder.Triple, 0);
            case "$": return (SmilesTokenKind.Bond, BondOrder.Quadruple, 0);
            case ":": return (SmilesTokenKind.Bond, BondOrder.Aromatic, 0);
            case ".": return (SmilesTokenKind.Dot, default, 0);
            case "(": return (SmilesTokenKind.Open, default, 0);
            case ")": return (SmilesTokenKind.Close, default, 0);
        }
        if (SmilesTokenizer.IsRingLabel(token, out int label)) return (SmilesTokenKind.Ring, default, label);
        if (SmilesTokenizer.Tokenize(token).Count != 1) return (SmilesTokenKind.Invalid, default, 0);
        try
        {
            SmilesParser.Parse(token);                         // a lone atom token is a whole SMILES
            return (SmilesTokenKind.Atom, default, 0);
        }
        catch (SmilesException) { return (SmilesTokenKind.Invalid, default, 0); }
    }
}
