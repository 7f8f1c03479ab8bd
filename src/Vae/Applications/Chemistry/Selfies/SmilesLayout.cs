namespace Vae.Applications.Chemistry.Selfies;

/// <summary>
/// What a SMILES string says beyond its graph that the SELFIES encoder needs: the atom that starts
/// each fragment, and at each atom its ring-closure digits in the order written, with the partner atom
/// and the bond mark written at each end (a ring bond's two ends may carry different / and \ marks).
/// Atoms are numbered as <see cref="SmilesParser"/> numbers them (in the order written).
/// </summary>
sealed class SmilesLayout
{
    public sealed record RingDigit(int Atom, char Direction)
    {
        public int Partner { get; set; } = -1;
        public char PartnerDirection { get; set; }
    }

    public List<int> Roots { get; } = [];
    public List<List<RingDigit>> RingsAt { get; } = [];
    readonly HashSet<(int, int)> ringBonds = [];

    public bool IsRingBond(int a, int b) => ringBonds.Contains((Math.Min(a, b), Math.Max(a, b)));

    /// <summary>Reads the layout of a SMILES string the parser accepted.</summary>
    public static SmilesLayout Read(string smiles)
    {
        var layout = new SmilesLayout();
        var open = new Dictionary<int, RingDigit>();
        int atom = -1;
        bool newFragment = true;
        char bond = '\0';
        foreach (string token in SmilesTokenizer.Tokenize(smiles))
        {
            if (token == ".") { newFragment = true; continue; }
            if (token.Length == 1 && token[0] is '-' or '=' or '#' or '$' or ':' or '/' or '\\') { bond = token[0]; continue; }
            if (SmilesTokenizer.IsRingLabel(token, out int label))
            {
                var digit = new RingDigit(atom, bond is '/' or '\\' ? bond : '\0');
                layout.RingsAt[atom].Add(digit);
                if (open.Remove(label, out var opening))
                {
                    opening.Partner = atom;
                    opening.PartnerDirection = digit.Direction;
                    digit.Partner = opening.Atom;
                    digit.PartnerDirection = opening.Direction;
                    layout.ringBonds.Add((Math.Min(atom, opening.Atom), Math.Max(atom, opening.Atom)));
                }
                else open[label] = digit;
            }
            else if (token is not ("(" or ")"))
            {
                atom++;
                layout.RingsAt.Add([]);
                if (newFragment) layout.Roots.Add(atom);
                newFragment = false;
            }
            bond = '\0';
        }
        return layout;
    }
}
