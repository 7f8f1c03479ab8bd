namespace Vae.Applications.Chemistry;

/// <summary>
/// The verdict on one SMILES string: valid, or invalid with the reason. A valid result carries the
/// molecule (kekulized, hydrogens assigned, aromaticity perceived) and its rings.
/// </summary>
public sealed record SmilesCheck(string Smiles, bool Valid, string Reason, Molecule? Molecule, Rings? Rings)
{
    public Molecule ValidMolecule => Molecule ?? throw new InvalidOperationException($"'{Smiles}' is not valid: {Reason}");
}
