using Vae.Applications.Chemistry;

namespace Vae.Tests.Applications.Chemistry;

public class EncodedMoleculesTests
{
    [Fact]
    public void Rows_Are_Start_Tokens_End_Then_Padding_And_Decode_Back()
    {
        string[] smiles = ["CCO", "c1ccccc1", "[NH4+]"];
        var v = SmilesVocabulary.Build(smiles);
        var e = EncodedMolecules.Encode(v, smiles, maxTokens: 8);
        Assert.Equal(10, e.Length);
        Assert.Equal(3, e.Count);
        Assert.Equal([SmilesVocabulary.StartId, v.Id("C"), v.Id("C"), v.Id("O"), SmilesVocabulary.EndId, 0, 0, 0, 0, 0], e.Row(0).ToArray());
        Assert.Equal([3, 8, 1], e.Lengths);
        for (int i = 0; i < smiles.Length; i++) Assert.Equal(smiles[i], e.Decode(v, i));
        var data = e.ToDataset("toy", v);
        Assert.Equal(9, data.Dimension);
        Assert.Equal([v.Id("C"), v.Id("C"), v.Id("O"), SmilesVocabulary.EndId, 0, 0, 0, 0, 0], data.Row(0).ToArray().Select(f => (int)f));
        Assert.Same(v.Tokens, data.Vocabulary);
    }

    [Fact]
    public void Molecules_Longer_Than_The_Limit_Are_Dropped_And_Counted_Not_Truncated()
    {
        string[] smiles = ["CC", "CCCCCC", "CCC", "C1CCCCC1"];
        var v = SmilesVocabulary.Build(smiles);
        var e = EncodedMolecules.Encode(v, smiles, maxTokens: 4);
        Assert.Equal([0, 2], e.Kept);
        Assert.Equal([1, 3], e.Dropped);
        Assert.Equal("CCC", e.Decode(v, 1));
    }
}
