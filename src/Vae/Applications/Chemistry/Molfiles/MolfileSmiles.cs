namespace Vae.Applications.Chemistry.Molfiles;

/// <summary>The project's canonical SMILES of a molecule read from a molfile, after the checks SMILES get.</summary>
public static class MolfileSmiles
{
    /// <summary>The canonical form, or null with the checker's reason when the molecule is not valid.</summary>
    public static (string? Smiles, string Reason) Canonical(Molecule molecule, string name)
    {
        var check = SmilesChecker.Check(molecule, name);
        return check.Valid ? (CanonicalSmiles.Write(check.ValidMolecule), "") : (null, check.Reason);
    }
}
