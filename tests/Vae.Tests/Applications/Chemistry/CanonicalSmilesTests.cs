using Vae.Applications.Chemistry;

namespace Vae.Tests.Applications.Chemistry;

public class CanonicalSmilesTests
{
    [Theory]
    [InlineData("OCC", "CCO")]
    [InlineData("C1=CC=CC=C1", "c1ccccc1")]
    [InlineData("c1ccccc1O", "Oc1ccccc1")]
    [InlineData("[H]OC([H])([H])C", "CCO")]
    [InlineData("C%10CC%10", "C1CC1")]
    [InlineData("F/C=C/F", "F\\C=C/F")]            // stereo is dropped: both isomers share one form
    [InlineData("CN(=O)=O", "C[N+]([O-])=O")]
    [InlineData("[Na+].[Cl-]", "[Cl-].[Na+]")]
    public void Different_Spellings_Of_One_Molecule_Have_One_Form(string a, string b) =>
        Assert.Equal(CanonicalSmiles.Of(a), CanonicalSmiles.Of(b));

    [Theory]
    [InlineData("CCO", "COC")]
    [InlineData("c1ccccc1O", "C1CCCCC1O")]
    [InlineData("CC(=O)O", "CC(=O)[O-]")]
    [InlineData("c1ccc2ccccc2c1", "c1ccc2cccc2cc1")]
    public void Different_Molecules_Have_Different_Forms(string a, string b) =>
        Assert.NotEqual(CanonicalSmiles.Of(a), CanonicalSmiles.Of(b));

    [Fact]
    public void Invalid_Strings_Have_No_Form() => Assert.Null(CanonicalSmiles.Of("C1CC"));

    [Fact]
    public void Random_Spellings_From_RDKit_Give_The_Same_Form_And_The_Form_Is_Valid_And_Stable()
    {
        var rows = ChemistryFixtures.Table("tpsa_rdkit.tsv");
        foreach (var r in rows)
        {
            string? canonical = CanonicalSmiles.Of(r[0]);
            Assert.NotNull(canonical);
            Assert.True(canonical == CanonicalSmiles.Of(r[5]), $"{r[0]} and its spelling {r[5]} differ");
            Assert.True(canonical == CanonicalSmiles.Of(canonical), $"{canonical} is not stable");
        }
    }

    [Fact]
    public void Separates_Exactly_The_Molecules_RDKit_Separates()
    {
        // RDKit's canonical SMILES (column 4) may keep stereo; compare after dropping it on both sides.
        var rows = ChemistryFixtures.Table("tpsa_rdkit.tsv");
        var pairs = rows.Select(r => (Rdkit: CanonicalSmiles.Of(r[4].Replace("@", "").Replace("/", "").Replace("\\", ""))!, Ours: CanonicalSmiles.Of(r[0])!)).ToList();
        Assert.Equal(pairs.Select(p => p.Rdkit).Distinct().Count(), pairs.Select(p => p.Ours).Distinct().Count());
        Assert.All(pairs, p => Assert.Equal(p.Rdkit, p.Ours));
    }
}
