namespace Vae.Applications.Chemistry;

/// <summary>What the toolkit computes for one SMILES string: validity and, when valid, simple descriptors
/// (TPSA in Å², Wildman–Crippen logP).</summary>
public sealed record MoleculeProperties(string Smiles, bool Valid, string Reason, int HeavyAtoms, int Rings, double? Tpsa, double? LogP, string? Canonical)
{
    public static MoleculeProperties Of(string smiles)
    {
        var check = SmilesChecker.Check(smiles);
        if (!check.Valid) return new(smiles, false, check.Reason, 0, 0, null, null, null);
        var mol = check.ValidMolecule;
        return new(smiles, true, "", mol.HeavyAtomCount, mol.RingCount, Math.Round(Chemistry.Tpsa.Compute(mol, check.Rings!), 2),
            Math.Round(Crippen.CrippenLogP.LogP(mol), 4),
            CanonicalSmiles.Write(mol));
    }
}
