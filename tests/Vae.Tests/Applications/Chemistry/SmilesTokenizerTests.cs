using Vae.Applications.Chemistry;

namespace Vae.Tests.Applications.Chemistry;

public class SmilesTokenizerTests
{
    [Fact]
    public void Multi_Character_Atoms_Bracket_Atoms_And_Ring_Labels_Are_Single_Tokens()
    {
        var tokens = SmilesTokenizer.Tokenize("Clc1ccc(Br)c2[nH]%10C[C@@H]([O-])[N+]%(123)C%10=O.C%(123)");
        Assert.Equal(
            ["Cl", "c", "1", "c", "c", "c", "(", "Br", ")", "c", "2", "[nH]", "%10", "C", "[C@@H]", "(", "[O-]", ")", "[N+]", "%(123)",
             "C", "%10", "=", "O", ".", "C", "%(123)"],
            tokens);
    }

    [Theory]
    [InlineData("C[")]
    [InlineData("C]]")]
    [InlineData("[C[N]")]
    [InlineData("C%1")]
    [InlineData("%(12")]
    [InlineData("xyz ?!")]
    public void Any_String_Round_Trips_Even_When_It_Is_Not_Smiles(string text) =>
        Assert.Equal(text, string.Concat(SmilesTokenizer.Tokenize(text)));

    [FactWithRdkitData]
    public void Every_Molecule_Of_The_Default_Files_Round_Trips_Through_Tokens_And_Vocabulary()
    {
        var molecules = ChemistryFixtures.DefaultMolecules().Select(m => m.Smiles).ToList();
        Assert.True(molecules.Count > 16_000, $"only {molecules.Count} molecules read");
        var vocabulary = SmilesVocabulary.Build(molecules);
        foreach (string smiles in molecules)
        {
            var tokens = SmilesTokenizer.Tokenize(smiles);
            Assert.Equal(smiles, string.Concat(tokens));
            // every token is one atom, bond, branch, dot or ring label
            Assert.All(tokens, t => Assert.True(IsWellFormed(t), $"token '{t}' of {smiles}"));
            Assert.Equal(smiles, vocabulary.Decode(vocabulary.Encode(smiles)));
        }
    }

    static bool IsWellFormed(string t) =>
        (t.StartsWith('[') && t.EndsWith(']') && t.Length > 2 && t.IndexOf('[', 1) < 0)
        || t is "Cl" or "Br" or "B" or "C" or "N" or "O" or "P" or "S" or "F" or "I" or "b" or "c" or "n" or "o" or "p" or "s" or "*"
        || t is "-" or "=" or "#" or "$" or ":" or "/" or "\\" or "(" or ")" or "."
        || SmilesTokenizer.IsRingLabel(t, out _);
}
