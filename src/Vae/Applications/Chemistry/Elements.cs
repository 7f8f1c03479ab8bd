namespace Vae.Applications.Chemistry;

/// <summary>
/// The periodic table as the valence checks need it: symbol, outer-shell electrons and the allowed
/// valences of the neutral element (−1 at the end means "anything above is allowed too", −1 alone
/// means "no valence rule", as for transition metals). The valence lists follow the conventions
/// of RDKit's periodic table (checked against RDKit 2022.09), so that our verdicts can be compared.
/// </summary>
public static class Elements
{
    // symbol:outer electrons:allowed valences
    static readonly string[] Table =
    [
        "H:1:1", "He:2:0", "Li:1:1", "Be:2:2", "B:3:3", "C:4:4", "N:5:3", "O:6:2",
        "F:7:1", "Ne:8:0", "Na:1:1", "Mg:2:2,-1", "Al:3:3,6", "Si:4:4,6", "P:5:3,5,7", "S:6:2,4,6",
        "Cl:7:1", "Ar:8:0", "K:1:1", "Ca:2:2,-1", "Sc:3:-1", "Ti:4:-1", "V:5:-1", "Cr:6:-1",
        "Mn:7:-1", "Fe:8:-1", "Co:9:-1", "Ni:10:-1", "Cu:11:-1", "Zn:2:-1", "Ga:3:3", "Ge:4:4",
        "As:5:3,5,7", "Se:6:2,4,6", "Br:7:1", "Kr:8:0", "Rb:1:1", "Sr:2:2,-1", "Y:3:-1", "Zr:4:-1",
        "Nb:5:-1", "Mo:6:-1", "Tc:7:-1", "Ru:8:-1", "Rh:9:-1", "Pd:10:-1", "Ag:11:-1", "Cd:2:-1",
        "In:3:3", "Sn:4:2,4", "Sb:5:3,5,7", "Te:6:2,4,6", "I:7:1,3,5", "Xe:8:0,2,4,6", "Cs:1:1", "Ba:2:2,-1",
        "La:3:-1", "Ce:4:-1", "Pr:3:-1", "Nd:4:-1", "Pm:5:-1", "Sm:6:-1", "Eu:7:-1", "Gd:8:-1",
        "Tb:9:-1", "Dy:10:-1", "Ho:11:-1", "Er:12:-1", "Tm:13:-1", "Yb:14:-1", "Lu:15:-1", "Hf:4:-1",
        "Ta:5:-1", "W:6:-1", "Re:7:-1", "Os:8:-1", "Ir:9:-1", "Pt:10:-1", "Au:11:-1", "Hg:2:-1",
        "Tl:3:3", "Pb:4:2,4", "Bi:5:3,5,7", "Po:6:2,4,6", "At:7:1,3,5", "Rn:8:0", "Fr:1:1", "Ra:2:2,-1",
        "Ac:3:-1", "Th:4:-1", "Pa:3:-1", "U:4:-1", "Np:5:-1", "Pu:6:-1", "Am:7:-1", "Cm:8:-1",
        "Bk:9:-1", "Cf:10:-1", "Es:11:-1", "Fm:12:-1", "Md:13:-1", "No:14:-1", "Lr:15:-1", "Rf:2:-1",
        "Db:2:-1", "Sg:2:-1", "Bh:2:-1", "Hs:2:-1", "Mt:2:-1", "Ds:2:-1", "Rg:2:-1", "Cn:2:-1",
        "Nh:2:-1", "Fl:2:-1", "Mc:2:-1", "Lv:2:-1", "Ts:2:-1", "Og:2:-1",
    ];

    static readonly string[] Symbols;
    static readonly int[] Outer;
    static readonly int[][] Valences;
    static readonly Dictionary<string, int> BySymbol;

    static Elements()
    {
        int n = Table.Length + 1;
        Symbols = new string[n];
        Outer = new int[n];
        Valences = new int[n][];
        Symbols[0] = "*";
        Valences[0] = [-1];
        for (int z = 1; z < n; z++)
        {
            var parts = Table[z - 1].Split(':');
            Symbols[z] = parts[0];
            Outer[z] = int.Parse(parts[1]);
            Valences[z] = parts[2].Split(',').Select(int.Parse).ToArray();
        }
        BySymbol = Enumerable.Range(1, n - 1).ToDictionary(z => Symbols[z], z => z, StringComparer.Ordinal);
    }

    /// <summary>The heaviest element known (Og, 118).</summary>
    public static int Count => Symbols.Length - 1;

    /// <summary>Atomic number of an element symbol with its usual capitalisation ("Cl"), or −1.</summary>
    public static int AtomicNumber(string symbol) => BySymbol.TryGetValue(symbol, out int z) ? z : -1;

    public static string Symbol(int z) => Symbols[z];

    /// <summary>Electrons in the outer shell (valence electrons as RDKit counts them).</summary>
    public static int OuterElectrons(int z) => Outer[z];

    /// <summary>Allowed valences of the neutral element in increasing order.</summary>
    public static IReadOnlyList<int> AllowedValences(int z) => Valences[z];

    /// <summary>The first allowed valence, or −1 when the element has no valence rule.</summary>
    public static int DefaultValence(int z) => Valences[z][0];

    /// <summary>The largest allowed valence, or −1 when any valence is allowed.</summary>
    public static int MaxValence(int z) => Valences[z][^1];

    /// <summary>
    /// Electropositive elements (fewer than four outer electrons): a charge counts the other way
    /// when hydrogens are added (Na gives NaH, B⁻ takes four bonds).
    /// </summary>
    public static bool IsEarly(int z) => z > 0 && Outer[z] < 4 && z != 1;

    /// <summary>
    /// Whether <paramref name="a"/> is more electronegative than <paramref name="b"/> by the rule RDKit
    /// uses for aromaticity: more outer electrons, or as many and a lighter element.
    /// </summary>
    public static bool MoreElectronegative(int a, int b) => Outer[a] > Outer[b] || (Outer[a] == Outer[b] && a < b);
}
