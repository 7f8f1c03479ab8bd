namespace Vae.Applications.Chemistry;

/// <summary>
/// Decides whether a SMILES string is a chemically valid molecule, in the same steps RDKit takes
/// when it reads SMILES: syntax (<see cref="SmilesParser"/>), clean-up of hypervalent nitro and
/// halogen oxides, valence (<see cref="Valence"/>), ring membership of aromatic atoms and
/// kekulization (<see cref="Kekulizer"/>); then perceives aromaticity for descriptors.
/// </summary>
public static class SmilesChecker
{
    public static SmilesCheck Check(string smiles)
    {
        try
        {
            return Check(SmilesParser.Parse(smiles), smiles);
        }
        catch (SmilesException e)
        {
            return new SmilesCheck(smiles, false, e.Message, null, null);
        }
    }

    /// <summary>
    /// The same checks on a molecule built otherwise (read from a molfile, say): valence, rings,
    /// kekulization, aromaticity. <paramref name="source"/> names it in the verdict.
    /// </summary>
    public static SmilesCheck Check(Molecule mol, string source)
    {
        try
        {
            Valence.CleanUp(mol);
            var explicitValence = Valence.Assign(mol);
            var rings = Rings.Find(mol);
            Kekulizer.Kekulize(mol, rings, explicitValence);
            Valence.AssignRadicals(mol);
            Aromaticity.Perceive(mol, rings);
            return new SmilesCheck(source, true, "", mol, rings);
        }
        catch (SmilesException e)
        {
            return new SmilesCheck(source, false, e.Message, null, null);
        }
    }

    public static bool IsValid(string smiles) => Check(smiles).Valid;
}
