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
        return new(smiles, true, "", mol.HeavyAtomCount, mol.RingCount, RoundedTpsa(check), RoundedLogP(check), CanonicalSmiles.Write(mol));
    }

    /// <summary>TPSA of a SMILES string as <see cref="Of"/> gives it (null when invalid), without the other descriptors.</summary>
    public static double? TpsaOf(string smiles) => SmilesChecker.Check(smiles) is { Valid: true } c ? RoundedTpsa(c) : null;

    /// <summary>Wildman–Crippen logP of a SMILES string as <see cref="Of"/> gives it (null when invalid), without the other descriptors.</summary>
    public static double? LogPOf(string smiles) => SmilesChecker.Check(smiles) is { Valid: true } c ? RoundedLogP(c) : null;

    static double RoundedTpsa(SmilesCheck c) => Math.Round(Chemistry.Tpsa.Compute(c.ValidMolecule, c.Rings!), 2);

    static double RoundedLogP(SmilesCheck c) => Math.Round(Crippen.CrippenLogP.LogP(c.ValidMolecule), 4);
}
