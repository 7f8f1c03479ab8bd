namespace Vae.Applications.Chemistry.Selfies;

/// <summary>
/// SELFIES's default semantic constraints: the most bonds an atom may make, by element and charge
/// (hydrogens written in the symbol use some of them); an element or charge not listed may make 8.
/// With checked valences (the decoding of a model's output), an unlisted atom may make at most what the
/// SMILES checker's valence model allows (none for [Na+], [K+], [Cl-], [Br-]; 8 for an element without
/// a valence rule), as <c>selfies.set_semantic_constraints</c> would set it: with the catch-all 8, 33 of
/// 10,000 prior samples of the SELFIES model in docs/results/molecules-experiment.md bonded an ion and
/// were refused by the checker.
/// </summary>
public static class BondingCapacity
{
    static readonly Dictionary<(int Element, int Charge), int> Table = new()
    {
        [(1, 0)] = 1, [(9, 0)] = 1, [(17, 0)] = 1, [(35, 0)] = 1, [(53, 0)] = 1,
        [(5, 0)] = 3, [(5, 1)] = 2, [(5, -1)] = 4,
        [(8, 0)] = 2, [(8, 1)] = 3, [(8, -1)] = 1,
        [(7, 0)] = 3, [(7, 1)] = 4, [(7, -1)] = 2,
        [(6, 0)] = 4, [(6, 1)] = 3, [(6, -1)] = 3,
        [(15, 0)] = 5, [(15, 1)] = 4, [(15, -1)] = 6,
        [(16, 0)] = 6, [(16, 1)] = 5, [(16, -1)] = 5,
    };

    /// <summary>The capacity of an element at a charge, before hydrogens.</summary>
    public static int Of(int element, int charge) => Table.GetValueOrDefault((element, charge), 8);

    /// <summary>
    /// As <see cref="Of(int, int)"/>, or, with <paramref name="checkedValences"/>, with an unlisted atom's 8 lowered to what
    /// the SMILES checker's valence model allows (what a model's decoded strings use: every one a molecule the checker accepts).
    /// </summary>
    public static int Of(int element, int charge, bool checkedValences) =>
        Table.TryGetValue((element, charge), out int listed) ? listed
        : checkedValences ? Math.Clamp(Valence.MaxExplicitValence(element, charge) ?? 8, 0, 8) : 8;

    /// <summary>The bonds left to an atom for heavy-atom neighbours: its capacity less the hydrogens in its bracket.</summary>
    public static int Of(Atom atom, bool checkedValences = false) => Of(atom.Element, atom.Charge, checkedValences) - atom.BracketHydrogens;

    /// <summary>The element and charge pairs the constraints list: the atoms whose symbols the semantically robust alphabet holds.</summary>
    public static IEnumerable<(int Element, int Charge, int Capacity)> Listed => Table.Select(kv => (kv.Key.Element, kv.Key.Charge, kv.Value));
}
