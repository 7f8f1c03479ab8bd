namespace Vae.Applications.Chemistry;

/// <summary>
/// Reads the syntax of SMILES (OpenSMILES, with RDKit's extensions such as <c>%(123)</c>) into a
/// <see cref="Molecule"/>: atoms, bonds, branches and ring closures. It checks syntax only — balanced
/// branches and brackets, paired ring closures with consistent bond orders, known element symbols —
/// and throws <see cref="SmilesException"/> with the reason otherwise. Valence and aromaticity are
/// checked afterwards by <see cref="SmilesChecker"/>.
/// </summary>
public static class SmilesParser
{
    sealed record PendingBond(BondOrder Order, char Direction);
    sealed record OpenRing(int Atom, PendingBond? Bond);

    public static Molecule Parse(string smiles)
    {
        if (smiles.Length == 0) throw new SmilesException("empty string");
        var mol = new Molecule();
        var branches = new Stack<(int Atom, int AtomsBefore)>();
        var rings = new Dictionary<int, OpenRing>();
        int previous = -1;
        PendingBond? bond = null;
        bool afterDot = false;
        int afterOpen = 0; // 1 just after '(', 2 after '(' and a bond symbol: an atom must come next
        foreach (string token in SmilesTokenizer.Tokenize(smiles))
        {
            bool isBond = token is "-" or "=" or "#" or "$" or ":" or "/" or "\\";
            if (afterOpen > 0 && !IsAtomToken(token) && !(isBond && afterOpen == 1))
                throw new SmilesException(token == ")" ? "empty branch '()'" : $"'{token}' right after '(': a branch starts with an atom or a bond");
            afterOpen = isBond && afterOpen == 1 ? 2 : 0;
            if (IsAtomToken(token))
            {
                int atom = mol.AddAtom(ParseAtom(token));
                if (previous >= 0) AddBond(mol, previous, atom, bond);
                else if (bond is not null) throw new SmilesException($"bond '{token}' has no atom before it");
                previous = atom;
                bond = null;
                afterDot = false;
            }
            else if (isBond)
            {
                if (previous < 0) throw new SmilesException($"bond '{token}' has no atom before it");
                if (bond is not null) throw new SmilesException($"two bond symbols in a row at '{token}'");
                bond = ParseBond(token[0]);
            }
            else if (token == ".")
            {
                if (previous < 0 || afterDot) throw new SmilesException("'.' has no atom before it");
                if (bond is not null) throw new SmilesException("a bond symbol before '.'");
                previous = -1;
                afterDot = true;
            }
            else if (token == "(")
            {
                if (previous < 0) throw new SmilesException("branch '(' has no atom before it");
                if (bond is not null) throw new SmilesException("a bond symbol before '('");
                branches.Push((previous, mol.Atoms.Count));
                afterOpen = 1;
            }
            else if (token == ")")
            {
                if (branches.Count == 0) throw new SmilesException("unbalanced branches: ')' without '('");
                if (bond is not null) throw new SmilesException("a branch ends with a bond symbol");
                var (atom, before) = branches.Pop();
                if (mol.Atoms.Count == before || afterDot) throw new SmilesException("empty branch '()'");
                previous = atom;
            }
            else if (SmilesTokenizer.IsRingLabel(token, out int label))
            {
                if (previous < 0) throw new SmilesException($"ring closure {token} has no atom before it");
                CloseOrOpenRing(mol, rings, label, previous, bond);
                bond = null;
            }
            else if (token == "[")
                throw new SmilesException("unbalanced brackets: '[' without ']'");
            else if (token.StartsWith('['))
                throw new SmilesException($"bad bracket atom {token}");
            else if (token == "]")
                throw new SmilesException("unbalanced brackets: ']' without '['");
            else
                throw new SmilesException($"unknown symbol '{token}'");
        }
        if (bond is not null) throw new SmilesException("ends with a bond symbol");
        if (afterDot) throw new SmilesException("ends with '.'");
        if (branches.Count > 0) throw new SmilesException("unbalanced branches: '(' without ')'");
        if (rings.Count > 0) throw new SmilesException($"unclosed ring {string.Join(", ", rings.Keys.Select(Label))}");
        return mol;
    }

    static string Label(int label) => label < 10 ? label.ToString() : $"%{label}";

    static void CloseOrOpenRing(Molecule mol, Dictionary<int, OpenRing> rings, int label, int atom, PendingBond? bond)
    {
        if (!rings.Remove(label, out var open))
        {
            rings[label] = new OpenRing(atom, bond);
            return;
        }
        if (open.Atom == atom) throw new SmilesException($"ring closure {Label(label)} bonds an atom to itself");
        if (mol.BondBetween(open.Atom, atom) is not null)
            throw new SmilesException($"ring closure {Label(label)} duplicates a bond");
        if (open.Bond is not null && bond is not null && open.Bond.Order != bond.Order)
            throw new SmilesException($"ring closure {Label(label)} has conflicting bond orders");
        AddBond(mol, open.Atom, atom, bond ?? open.Bond);
    }

    static void AddBond(Molecule mol, int a, int b, PendingBond? bond)
    {
        bool bothAromatic = mol.Atoms[a].Aromatic && mol.Atoms[b].Aromatic;
        var order = bond?.Order ?? (bothAromatic ? BondOrder.Aromatic : BondOrder.Single);
        if (order == BondOrder.Aromatic && !bothAromatic) order = BondOrder.Single; // C:C reads as C-C
        mol.AddBond(a, b, order, bond?.Direction ?? '\0');
    }

    static PendingBond ParseBond(char c) => c switch
    {
        '-' => new(BondOrder.Single, '\0'),
        '=' => new(BondOrder.Double, '\0'),
        '#' => new(BondOrder.Triple, '\0'),
        '$' => new(BondOrder.Quadruple, '\0'),
        ':' => new(BondOrder.Aromatic, '\0'),
        _ => new(BondOrder.Single, c),
    };

    static readonly HashSet<string> Organic = ["B", "C", "N", "O", "P", "S", "F", "Cl", "Br", "I", "*"];
    static readonly HashSet<string> AromaticOrganic = ["b", "c", "n", "o", "p", "s"];

    /// <summary>Lowercase symbols allowed in brackets (OpenSMILES plus te and si, which RDKit reads).</summary>
    static readonly HashSet<string> AromaticBracket = ["b", "c", "n", "o", "p", "s", "se", "as", "te", "si"];

    static bool IsAtomToken(string token) =>
        Organic.Contains(token) || AromaticOrganic.Contains(token) || (token.Length > 2 && token[0] == '[' && token[^1] == ']');

    static Atom ParseAtom(string token)
    {
        if (token[0] != '[')
        {
            bool aromatic = AromaticOrganic.Contains(token);
            int z = token == "*" ? 0 : Elements.AtomicNumber(aromatic ? char.ToUpperInvariant(token[0]).ToString() : token);
            return new Atom { Element = z, Aromatic = aromatic };
        }
        return BracketAtomParser.Parse(token, AromaticBracket);
    }
}
