namespace Vae.Applications.Chemistry;

/// <summary>Bond orders a SMILES string can state; <see cref="Aromatic"/> is resolved by kekulization.</summary>
public enum BondOrder
{
    Single = 1,
    Double = 2,
    Triple = 3,
    Quadruple = 4,
    Aromatic = 5,
}
