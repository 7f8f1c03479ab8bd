namespace Vae.Applications.Chemistry;

/// <summary>
/// One atom as written in a SMILES string, plus what the checks derive for it. Atoms outside
/// brackets (the organic subset) get their hydrogens from the valence rules; bracket atoms carry
/// theirs explicitly.
/// </summary>
public sealed class Atom
{
    /// <summary>Atomic number; 0 for the wildcard <c>*</c>.</summary>
    public int Element { get; init; }

    /// <summary>Written lowercase (c, n, [nH]): part of an aromatic ring.</summary>
    public bool Aromatic { get; set; }

    /// <summary>Written inside square brackets: hydrogens and charge are explicit.</summary>
    public bool Bracket { get; init; }

    public int Charge { get; set; }

    /// <summary>Mass number, 0 when not given.</summary>
    public int Isotope { get; init; }

    /// <summary>The chirality mark as written (<c>@</c>, <c>@@</c>, <c>@TH1</c> …), empty when none.</summary>
    public string Chirality { get; init; } = "";

    /// <summary>Atom-map number (<c>[C:1]</c>), 0 when none.</summary>
    public int MapNumber { get; init; }

    /// <summary>Hydrogens written in the bracket (<c>[NH2]</c> → 2); 0 for atoms outside brackets.</summary>
    public int BracketHydrogens { get; init; }

    /// <summary>Hydrogens added by the valence rules (organic-subset atoms only); set by the checker.</summary>
    public int ImplicitHydrogens { get; set; }

    /// <summary>Unpaired electrons, set by the checker (e.g. <c>[CH3]</c>, or an aromatic bracket atom left without a double bond).</summary>
    public int Radicals { get; set; }

    /// <summary>Hydrogens not written as atoms of their own.</summary>
    public int Hydrogens => BracketHydrogens + ImplicitHydrogens;

    public string Symbol => Elements.Symbol(Element);

    public Atom Clone() => new()
    {
        Element = Element, Aromatic = Aromatic, Bracket = Bracket, Charge = Charge, Isotope = Isotope,
        Chirality = Chirality, MapNumber = MapNumber, BracketHydrogens = BracketHydrogens,
        ImplicitHydrogens = ImplicitHydrogens, Radicals = Radicals,
    };
}
