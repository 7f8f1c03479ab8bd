using Vae.Applications.Chemistry;

namespace Vae.Tests.Applications.Chemistry;

public class SmilesVocabularyTests
{
    static readonly string[] Training = ["CCO", "c1ccccc1Cl", "C[NH3+]", "CC(=O)[O-]"];

    [Fact]
    public void Special_Tokens_Come_First_Then_Tokens_By_Frequency()
    {
        var v = SmilesVocabulary.Build(Training);
        Assert.Equal([SmilesVocabulary.Pad, SmilesVocabulary.Start, SmilesVocabulary.End, SmilesVocabulary.Unknown], v.Tokens.Take(4));
        Assert.Equal("c", v.Tokens[4]); // the six c of chlorobenzene outnumber the five C
        Assert.Equal(4 + Training.SelectMany(SmilesTokenizer.Tokenize).Distinct().Count(), v.Count);
        Assert.Equal(v.Tokens, SmilesVocabulary.Build(Training.Reverse()).Tokens); // order of molecules does not matter
    }

    [Fact]
    public void Unknown_Tokens_Encode_To_Unk_And_Decode_To_A_Question_Mark()
    {
        var v = SmilesVocabulary.Build(Training);
        var ids = v.Encode("CBr");
        Assert.Equal([v.Id("C"), SmilesVocabulary.UnknownId], ids);
        Assert.Equal("C?", v.Decode(ids));
        Assert.False(SmilesChecker.IsValid("C?"));
    }

    [Fact]
    public void Decoding_Stops_At_End_And_Skips_Start_And_Padding()
    {
        var v = SmilesVocabulary.Build(Training);
        int c = v.Id("C"), o = v.Id("O");
        Assert.Equal("CO", v.Decode([SmilesVocabulary.StartId, c, o, SmilesVocabulary.EndId, c, SmilesVocabulary.PadId]));
    }

    [Fact]
    public void Saves_As_Json_Beside_A_Model_And_Loads_Back()
    {
        using var dir = new TempDir();
        var v = SmilesVocabulary.Build(Training);
        v.Save(Path.Combine(dir.Path, SmilesVocabulary.FileName));
        var loaded = SmilesVocabulary.Load(dir.Path);
        Assert.Equal(v.Tokens, loaded.Tokens);
        Assert.Contains("\"tokens\"", File.ReadAllText(Path.Combine(dir.Path, SmilesVocabulary.FileName)));
    }

    [Fact]
    public void A_File_That_Is_Not_A_Vocabulary_Is_Refused_With_Its_Name()
    {
        using var dir = new TempDir();
        string path = Path.Combine(dir.Path, "v.json");
        File.WriteAllText(path, """{"format":"vae-smiles-vocabulary","version":1,"tokens":["C","O"]}""");
        var e = Assert.Throws<VaeException>(() => SmilesVocabulary.Load(path));
        Assert.Contains(path, e.Message);
    }
}
