namespace Vae.Applications.Chemistry.Crippen;

/// <summary>
/// A tree-shaped SMARTS pattern, the subset the Wildman–Crippen atom types are written in: atoms in
/// brackets or bare (<c>C</c>, <c>c</c>, <c>a</c>, <c>A</c>, <c>Cl</c> …), bracket expressions with
/// <c>;</c> (and, low precedence), <c>,</c> (or), implicit and <c>&amp;</c> (and, high precedence) and
/// <c>!</c>; the primitives <c>#n</c>, element symbols (upper case aliphatic, lower case aromatic),
/// <c>A</c>, <c>a</c>, <c>Hn</c> (total hydrogens), <c>Xn</c> (total connections), <c>+n</c>/<c>-n</c>
/// (charge); bonds <c>-</c>, <c>=</c>, <c>#</c>, <c>:</c>, <c>~</c> and the unwritten bond (single or
/// aromatic); branches in parentheses. No ring closures and no recursive SMARTS: anything else is
/// refused when the pattern is read. Semantics are RDKit's, on a molecule whose hydrogens are atoms.
/// </summary>
public sealed class AtomPattern
{
    readonly List<Func<MatchGraph, int, bool>> atoms = [];
    readonly List<(int Parent, BondQuery Bond)> links = [];   // links[k - 1] attaches pattern atom k

    public string Text { get; }

    AtomPattern(string text) { Text = text; }

    public static AtomPattern Parse(string text)
    {
        var p = new AtomPattern(text);
        int pos = 0;
        p.ParseChain(ref pos, parent: -1, BondQuery.Default);
        if (pos != text.Length) throw p.Error(pos, "unexpected character");
        return p;
    }

    /// <summary>Whether the pattern matches with its first atom on atom <paramref name="root"/> (distinct atoms for distinct pattern atoms).</summary>
    public bool MatchesAt(MatchGraph g, int root)
    {
        if (!atoms[0](g, root)) return false;
        var mapped = new int[atoms.Count];
        mapped[0] = root;
        return Extend(g, mapped, 1);
    }

    bool Extend(MatchGraph g, int[] mapped, int k)
    {
        if (k == atoms.Count) return true;
        var (parent, bond) = links[k - 1];
        int from = mapped[parent];
        foreach (var (to, order) in g.Neighbours(from))
        {
            if (Array.IndexOf(mapped, to, 0, k) >= 0 || (bond & order) == 0 || !atoms[k](g, to)) continue;
            mapped[k] = to;
            if (Extend(g, mapped, k + 1)) return true;
        }
        return false;
    }

    void ParseChain(ref int pos, int parent, BondQuery bond)
    {
        int previous = AddAtom(ref pos, parent, bond);
        while (pos < Text.Length && Text[pos] != ')')
        {
            if (Text[pos] == '(')
            {
                pos++;
                var branchBond = ParseBond(ref pos);
                ParseChain(ref pos, previous, branchBond);
                if (pos >= Text.Length || Text[pos] != ')') throw Error(pos, "unclosed branch");
                pos++;
                continue;
            }
            var next = ParseBond(ref pos);
            previous = AddAtom(ref pos, previous, next);
        }
    }

    int AddAtom(ref int pos, int parent, BondQuery bond)
    {
        if (pos >= Text.Length) throw Error(pos, "an atom is missing");
        Func<MatchGraph, int, bool> query;
        if (Text[pos] == '[')
        {
            int end = Text.IndexOf(']', pos);
            if (end < 0) throw Error(pos, "unclosed bracket");
            var inner = new ExpressionReader(this, pos + 1, Text[(pos + 1)..end]);
            query = inner.Read();
            pos = end + 1;
        }
        else query = BareAtom(ref pos);
        atoms.Add(query);
        if (parent >= 0) links.Add((parent, bond));
        return atoms.Count - 1;
    }

    Func<MatchGraph, int, bool> BareAtom(ref int pos)
    {
        foreach (string two in new[] { "Cl", "Br" })
            if (string.CompareOrdinal(Text, pos, two, 0, 2) == 0)
            {
                pos += 2;
                int z2 = Elements.AtomicNumber(two);
                return (g, i) => g.Element(i) == z2;
            }
        char c = Text[pos++];
        switch (c)
        {
            case 'a': return (g, i) => g.Aromatic(i);
            case 'A': return (g, i) => !g.Aromatic(i);
            case '*': return (_, _) => true;
        }
        if (char.IsUpper(c) && Elements.AtomicNumber(c.ToString()) is > 0 and int z)
            return (g, i) => g.Element(i) == z && !g.Aromatic(i);
        if (char.IsLower(c) && Elements.AtomicNumber(char.ToUpperInvariant(c).ToString()) is > 0 and int za)
            return (g, i) => g.Element(i) == za && g.Aromatic(i);
        throw Error(pos - 1, $"'{c}' is not an atom this reader knows");
    }

    BondQuery ParseBond(ref int pos)
    {
        if (pos >= Text.Length) return BondQuery.Default;
        BondQuery? q = Text[pos] switch
        {
            '-' => BondQuery.Single, '=' => BondQuery.Double, '#' => BondQuery.Triple, ':' => BondQuery.Aromatic, '~' => BondQuery.Any,
            _ => null,
        };
        if (q is null) return BondQuery.Default;
        pos++;
        return q.Value;
    }

    VaeException Error(int pos, string what) => new($"SMARTS '{Text}', character {pos + 1}: {what}.");

    /// <summary>Reads one bracket expression: <c>;</c> below <c>,</c> below implicit and <c>&amp;</c>, with <c>!</c> on primitives.</summary>
    sealed class ExpressionReader(AtomPattern owner, int offset, string s)
    {
        int i;

        public Func<MatchGraph, int, bool> Read()
        {
            var q = LowAnd();
            if (i != s.Length) throw owner.Error(offset + i, "unexpected character in a bracket atom");
            return q;
        }

        Func<MatchGraph, int, bool> LowAnd()
        {
            var q = Or();
            while (i < s.Length && s[i] == ';')
            {
                i++;
                var (a, b) = (q, Or());
                q = (g, x) => a(g, x) && b(g, x);
            }
            return q;
        }

        Func<MatchGraph, int, bool> Or()
        {
            var q = HighAnd();
            while (i < s.Length && s[i] == ',')
            {
                i++;
                var (a, b) = (q, HighAnd());
                q = (g, x) => a(g, x) || b(g, x);
            }
            return q;
        }

        Func<MatchGraph, int, bool> HighAnd()
        {
            var q = Unary();
            while (i < s.Length && s[i] is not (';' or ','))
            {
                if (s[i] == '&') i++;
                var (a, b) = (q, Unary());
                q = (g, x) => a(g, x) && b(g, x);
            }
            return q;
        }

        Func<MatchGraph, int, bool> Unary()
        {
            if (i < s.Length && s[i] == '!')
            {
                i++;
                var q = Unary();
                return (g, x) => !q(g, x);
            }
            return Primitive();
        }

        int? Number()
        {
            int start = i;
            while (i < s.Length && char.IsAsciiDigit(s[i])) i++;
            return i > start ? int.Parse(s.AsSpan(start, i - start)) : null;
        }

        Func<MatchGraph, int, bool> Primitive()
        {
            if (i >= s.Length) throw owner.Error(offset + i, "a primitive is missing");
            char c = s[i];
            switch (c)
            {
                case '#':
                {
                    i++;
                    int z = Number() ?? throw owner.Error(offset + i, "an atomic number must follow #");
                    return (g, x) => g.Element(x) == z;
                }
                case 'H':
                {
                    i++;
                    int n = Number() ?? 1;
                    return (g, x) => g.Hydrogens(x) == n;
                }
                case 'X':
                {
                    i++;
                    int n = Number() ?? 1;
                    return (g, x) => g.Connections(x) == n;
                }
                case '+' or '-':
                {
                    i++;
                    int n = Number() ?? 1;
                    int charge = c == '+' ? n : -n;
                    return (g, x) => g.Charge(x) == charge;
                }
                case 'a': i++; return (g, x) => g.Aromatic(x);
                case 'A': i++; return (g, x) => !g.Aromatic(x);
            }
            if (char.IsUpper(c))
            {
                // A two-letter symbol when it names an element (Cl, Br), else one letter.
                if (i + 1 < s.Length && char.IsLower(s[i + 1]) && Elements.AtomicNumber(s.Substring(i, 2)) is > 0 and int z2)
                {
                    i += 2;
                    return (g, x) => g.Element(x) == z2 && !g.Aromatic(x);
                }
                if (Elements.AtomicNumber(c.ToString()) is > 0 and int z1)
                {
                    i++;
                    return (g, x) => g.Element(x) == z1 && !g.Aromatic(x);
                }
            }
            if (c is 'c' or 'n' or 'o' or 's' or 'p')
            {
                i++;
                int z = Elements.AtomicNumber(char.ToUpperInvariant(c).ToString());
                return (g, x) => g.Element(x) == z && g.Aromatic(x);
            }
            throw owner.Error(offset + i, $"'{c}' is not a primitive this reader knows");
        }
    }
}

/// <summary>The bond kinds a SMARTS bond accepts (the unwritten bond: single or aromatic).</summary>
[Flags]
public enum BondQuery
{
    Single = 1, Double = 2, Triple = 4, Aromatic = 8,
    Default = Single | Aromatic,
    Any = Single | Double | Triple | Aromatic,
}
