using Vae.Applications.Chemistry;

namespace Vae.Tests.Applications.Chemistry;

public class SmilesCheckerTests
{
    [Theory]
    [InlineData("CCO")]
    [InlineData("c1ccccc1")]
    [InlineData("C1=CC=CC=C1")]                 // Kekulé benzene
    [InlineData("c1ccc2ccccc2c1")]              // naphthalene
    [InlineData("c1ccc2cccc2cc1")]              // azulene: odd rings, still kekulizable
    [InlineData("c1cc[nH]c1")]                  // pyrrole needs its H
    [InlineData("o1cccc1")]
    [InlineData("c1ccsc1")]
    [InlineData("O=c1cc[nH]cc1")]               // pyridone
    [InlineData("Cn1cnc2c1c(=O)n(C)c(=O)n2C")]  // caffeine
    [InlineData("[NH4+]")]
    [InlineData("C[N+](C)(C)C")]
    [InlineData("CC(=O)[O-]")]
    [InlineData("c1cc[nH+]cc1")]
    [InlineData("[n+]1ccccc1")]
    [InlineData("C[N+](=O)[O-]")]
    [InlineData("CN(=O)=O")]                    // nitro written pentavalent: read as charge-separated, as RDKit does
    [InlineData("[B-](F)(F)(F)F")]
    [InlineData("[Na+].[Cl-]")]
    [InlineData("OS(=O)(=O)O")]
    [InlineData("C%10CC%10")]
    [InlineData("C%(123)CC%(123)")]
    [InlineData("F/C=C/F")]
    [InlineData("N[C@@H](C)C(=O)O")]
    [InlineData("[2H]C([2H])([2H])[2H]")]
    [InlineData("[Fe+2]")]
    [InlineData("C(C)1CC1")]
    public void Accepts_Valid_Molecules(string smiles)
    {
        var check = SmilesChecker.Check(smiles);
        Assert.True(check.Valid, $"{smiles}: {check.Reason}");
        Assert.Equal("", check.Reason);
    }

    [Theory]
    // syntax: rings, branches, brackets
    [InlineData("C1CC", "unclosed ring 1")]
    [InlineData("C1CCC2CC1", "unclosed ring 2")]
    [InlineData("C11", "bonds an atom to itself")]
    [InlineData("C1C1", "duplicates a bond")]
    [InlineData("C=1CCCCC#1", "conflicting bond orders")]
    [InlineData("C(C", "unbalanced branches")]
    [InlineData("CC)C", "unbalanced branches")]
    [InlineData("C()C", "empty branch")]
    [InlineData("C((C))C", "right after '('")]
    [InlineData("(C)C", "no atom before it")]
    [InlineData("[CH3", "unbalanced brackets")]
    [InlineData("CH3]", "unknown symbol 'H'")]
    [InlineData("C[C", "unbalanced brackets")]
    [InlineData("C==C", "two bond symbols")]
    [InlineData("CC=", "ends with a bond")]
    [InlineData("C.", "ends with '.'")]
    [InlineData("", "empty")]
    // elements
    [InlineData("[Xy]", "unknown element")]
    [InlineData("Xy", "unknown symbol")]
    [InlineData("[ca]", "bad bracket atom [ca]")]
    [InlineData("[xe]", "unknown aromatic element")]
    // valence, with and without charges and hydrogens
    [InlineData("C(C)(C)(C)(C)C", "bad valence: C (atom 1) has valence 5")]
    [InlineData("N(C)(C)(C)C", "bad valence: N (atom 1) has valence 4")]
    [InlineData("FC(F)(F)(F)F", "bad valence")]
    [InlineData("O(C)(C)C", "bad valence: O (atom 1) has valence 3")]
    [InlineData("C#C#C", "bad valence")]
    [InlineData("[CH5]", "bad valence")]
    [InlineData("[NH5]", "bad valence")]
    [InlineData("[N-](C)(C)(C)C", "bad valence: N (atom 1) with charge -1 has valence 4")]
    [InlineData("[C-](C)(C)(C)C", "with charge -1")]
    [InlineData("[O-](C)C", "O (atom 1) with charge -1 has valence 2")]
    [InlineData("CC(=O)[NH-]c1ccccc1", "with charge -1 has valence 3")]
    // aromaticity
    [InlineData("c1cccc1", "cannot be kekulized")]             // five CH carbons cannot alternate
    [InlineData("n1cccc1", "cannot be kekulized")]             // pyrrole without its H
    [InlineData("c1ccccc1=O", "cannot be kekulized")]
    [InlineData("C1CC[cH]CC1", "cannot be kekulized")]
    [InlineData("cc", "aromatic atom outside a ring")]
    [InlineData("Cc1ccccc1-c", "aromatic atom outside a ring")]
    public void Rejects_Invalid_Strings_With_The_Reason(string smiles, string reason)
    {
        var check = SmilesChecker.Check(smiles);
        Assert.False(check.Valid, $"{smiles} was accepted");
        Assert.Contains(reason, check.Reason);
        Assert.Null(check.Molecule);
    }

    [Theory]
    [InlineData("file", 1.0)]       // molecules of the default files
    [InlineData("mutation", 1.0)]   // a token deleted, inserted, replaced or swapped
    [InlineData("hand", 0.95)]      // hand-made edge cases, two deliberate differences (see docs/results/molecules.md)
    public void Agrees_With_RDKit_On_Mixed_Valid_And_Invalid_Strings(string origin, double required)
    {
        var rows = ChemistryFixtures.Table("validity_rdkit.tsv").Where(r => r[2] == origin).ToList();
        Assert.True(rows.Count > 100);
        var disagreements = rows.Where(r => SmilesChecker.IsValid(r[0]) != (r[1] == "1")).Select(r => $"{r[0]} (RDKit: {r[1]} {r[3]})").ToList();
        double agreement = 1 - (double)disagreements.Count / rows.Count;
        Assert.True(agreement >= required, $"agreement {agreement:P2}; disagreements: {string.Join("; ", disagreements.Take(10))}");
        // every string RDKit rejects, we reject
        Assert.DoesNotContain(rows, r => r[1] == "0" && SmilesChecker.IsValid(r[0]));
    }

    [FactWithRdkitData]
    public void Accepts_Exactly_The_Default_Molecules_RDKit_Accepts()
    {
        var rejected = ChemistryFixtures.Table("default_invalid_rdkit.tsv").Select(r => (r[0], int.Parse(r[1]))).ToHashSet();
        var disagreements = ChemistryFixtures.DefaultMolecules()
            .Where(m => SmilesChecker.IsValid(m.Smiles) == rejected.Contains((m.File, m.Line)))
            .Select(m => $"{m.File}:{m.Line} {m.Smiles}").ToList();
        Assert.True(disagreements.Count == 0, string.Join("; ", disagreements.Take(10)));
    }

    [Fact]
    public void Hydrogens_Come_From_Valence_Outside_Brackets_And_From_The_Bracket_Inside()
    {
        var mol = SmilesChecker.Check("CC(=O)[N-]c1ccsc1").ValidMolecule;
        Assert.Equal([3, 0, 0, 0, 0, 1, 1, 0, 1], mol.Atoms.Select(a => a.Hydrogens));
        Assert.Equal(-1, mol.Atoms[3].Charge);
    }

    [Fact]
    public void Kekulization_Gives_Every_Aromatic_Carbon_One_Double_Bond()
    {
        var mol = SmilesChecker.Check("c1ccc2[nH]ccc2c1").ValidMolecule; // indole
        Assert.All(Enumerable.Range(0, mol.Atoms.Count).Where(i => mol.Atoms[i].Element == 6), i =>
            Assert.Equal(1, mol.BondsOf(i).Count(b => mol.Bonds[b].Order == BondOrder.Double)));
        Assert.Equal(0, mol.BondsOf(4).Count(b => mol.Bonds[b].Order == BondOrder.Double)); // the NH
        Assert.All(mol.Atoms, a => Assert.True(a.Aromatic));
    }

    [Theory]
    [InlineData("CCO", 3, 0)]
    [InlineData("c1ccccc1", 6, 1)]
    [InlineData("c1ccc2ccccc2c1", 10, 2)]
    [InlineData("C1CC2CCC1C2", 7, 2)]                 // norbornane: 2 (RDKit's symmetrized count says 3)
    [InlineData("C12C3C4C1C5C2C3C45", 8, 5)]          // cubane: 5 in the SSSR
    [InlineData("[H]C([H])([H])[H]", 1, 0)]
    [InlineData("C1CC1.C1CC1", 6, 2)]
    public void Counts_Heavy_Atoms_And_Rings(string smiles, int heavy, int rings)
    {
        var mol = SmilesChecker.Check(smiles).ValidMolecule;
        Assert.Equal(heavy, mol.HeavyAtomCount);
        Assert.Equal(rings, mol.RingCount);
    }
}
