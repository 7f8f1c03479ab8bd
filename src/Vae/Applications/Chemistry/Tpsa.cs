namespace Vae.Applications.Chemistry;

/// <summary>
/// Topological polar surface area (Ertl, Rohde and Selzer, J. Med. Chem. 43:3714, 2000): a sum of
/// fragment contributions of nitrogen and oxygen atoms, each looked up by its heavy-atom
/// neighbours, hydrogens, charge, bond types (single, double, triple, aromatic) and whether it sits
/// in a three-membered ring. Unlisted environments use the fallback the RDKit implementation uses
/// (30.5 − 8.2·neighbours + 1.5·H for N, 28.5 − 8.6·neighbours + 1.5·H for O, not below 0).
/// Sulfur and phosphorus do not contribute (the paper's default, and RDKit's). In Å².
/// </summary>
public static class Tpsa
{
    /// <summary>TPSA of a checked molecule (kekulized, aromaticity perceived: see <see cref="SmilesChecker"/>).</summary>
    public static double Compute(Molecule mol, Rings rings) =>
        Enumerable.Range(0, mol.Atoms.Count).Sum(i => Contribution(mol, rings, i));

    public static double Contribution(Molecule mol, Rings rings, int i)
    {
        var atom = mol.Atoms[i];
        if (atom.Element is not (7 or 8)) return 0;
        int neighbours = 0, h = atom.Hydrogens, single = 0, dbl = 0, triple = 0, arom = 0;
        foreach (int b in mol.BondsOf(i))
        {
            var bond = mol.Bonds[b];
            if (mol.Atoms[bond.Other(i)].Element == 1) { h++; continue; }
            neighbours++;
            if (bond.Aromatic) arom++;
            else if (bond.Order == BondOrder.Single) single++;
            else if (bond.Order == BondOrder.Double) dbl++;
            else if (bond.Order == BondOrder.Triple) triple++;
        }
        var e = new Environment(neighbours, h, atom.Charge, single, dbl, triple, arom, rings.InRingOfSize(i, 3));
        double? value = atom.Element == 7 ? Nitrogen(e) : Oxygen(e);
        if (value is double v) return v;
        double fallback = atom.Element == 7 ? 30.5 - neighbours * 8.2 + h * 1.5 : 28.5 - neighbours * 8.6 + h * 1.5;
        return Math.Max(fallback, 0);
    }

    readonly record struct Environment(int Heavy, int H, int Charge, int Single, int Double, int Triple, int Aromatic, bool In3Ring);

    static double? Nitrogen(Environment e) => e switch
    {
        { Heavy: 1, H: 0, Charge: 0, Triple: 1 } => 23.79,
        { Heavy: 1, H: 1, Charge: 0, Double: 1 } => 23.85,
        { Heavy: 1, H: 2, Charge: 0, Single: 1 } => 26.02,
        { Heavy: 1, H: 2, Charge: 1, Double: 1 } => 25.59,
        { Heavy: 1, H: 3, Charge: 1, Single: 1 } => 27.64,
        { Heavy: 2, H: 0, Charge: 0, Single: 1, Double: 1 } => 12.36,
        { Heavy: 2, H: 0, Charge: 0, Triple: 1, Double: 1 } => 13.60,
        { Heavy: 2, H: 1, Charge: 0, Single: 2, In3Ring: true } => 21.94,
        { Heavy: 2, H: 1, Charge: 0, Single: 2, In3Ring: false } => 12.03,
        { Heavy: 2, H: 0, Charge: 1, Triple: 1, Single: 1 } => 4.36,
        { Heavy: 2, H: 1, Charge: 1, Double: 1, Single: 1 } => 13.97,
        { Heavy: 2, H: 2, Charge: 1, Single: 2 } => 16.61,
        { Heavy: 2, H: 0, Charge: 0, Aromatic: 2 } => 12.89,
        { Heavy: 2, H: 1, Charge: 0, Aromatic: 2 } => 15.79,
        { Heavy: 2, H: 1, Charge: 1, Aromatic: 2 } => 14.14,
        { Heavy: 3, H: 0, Charge: 0, Single: 3, In3Ring: true } => 3.01,
        { Heavy: 3, H: 0, Charge: 0, Single: 3, In3Ring: false } => 3.24,
        { Heavy: 3, H: 0, Charge: 0, Single: 1, Double: 2 } => 11.68,
        { Heavy: 3, H: 0, Charge: 1, Single: 2, Double: 1 } => 3.01,
        { Heavy: 3, H: 1, Charge: 1, Single: 3 } => 4.44,
        { Heavy: 3, H: 0, Charge: 0, Aromatic: 3 } => 4.41,
        { Heavy: 3, H: 0, Charge: 0, Single: 1, Aromatic: 2 } => 4.93,
        { Heavy: 3, H: 0, Charge: 0, Double: 1, Aromatic: 2 } => 8.39,
        { Heavy: 3, H: 0, Charge: 1, Aromatic: 3 } => 4.10,
        { Heavy: 3, H: 0, Charge: 1, Single: 1, Aromatic: 2 } => 3.88,
        { Heavy: 4, H: 0, Charge: 1, Single: 4 } => 0.00,
        _ => null,
    };

    static double? Oxygen(Environment e) => e switch
    {
        { Heavy: 1, H: 0, Charge: 0, Double: 1 } => 17.07,
        { Heavy: 1, H: 1, Charge: 0, Single: 1 } => 20.23,
        { Heavy: 1, H: 0, Charge: -1, Single: 1 } => 23.06,
        { Heavy: 2, H: 0, Charge: 0, Single: 2, In3Ring: true } => 12.53,
        { Heavy: 2, H: 0, Charge: 0, Single: 2, In3Ring: false } => 9.23,
        { Heavy: 2, H: 0, Charge: 0, Aromatic: 2 } => 13.14,
        _ => null,
    };
}
