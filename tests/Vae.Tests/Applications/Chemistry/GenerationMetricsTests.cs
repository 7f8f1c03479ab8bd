using Vae.Applications.Chemistry;

namespace Vae.Tests.Applications.Chemistry;

public class GenerationMetricsTests
{
    [Fact]
    public void Validity_Uniqueness_And_Novelty_Count_Molecules_Not_Strings()
    {
        string[] generated = ["CCO", "OCC", "C1CC", "c1ccccc1", "C1=CC=CC=C1", "CCN", "C(", "c1ccccc1"];
        string[] training = ["OCC", "CCCC"];
        var m = GenerationMetrics.Compute(generated, training);
        Assert.Equal(8, m.Generated);
        Assert.Equal(6, m.Valid);    // C1CC and C( are invalid
        Assert.Equal(3, m.Unique);   // ethanol, benzene, ethylamine
        Assert.Equal(2, m.Novel);    // ethanol is in the training set, spelled differently
        Assert.Equal(0.75, m.Validity, 12);
        Assert.Equal(0.5, m.Uniqueness, 12);
        Assert.Equal(2.0 / 3, m.Novelty, 12);
    }

    [Fact]
    public void Empty_Or_All_Invalid_Generations_Score_Zero_Without_Dividing_By_Zero()
    {
        var m = GenerationMetrics.Compute(["C1", "(("], ["CC"]);
        Assert.Equal((0.0, 0.0, 0.0), (m.Validity, m.Uniqueness, m.Novelty));
        Assert.Equal(0.0, GenerationMetrics.Compute([], ["CC"]).Validity);
    }

    [Fact]
    public void Reconstruction_Counts_Exact_Strings_And_Same_Molecules_Separately()
    {
        string[] inputs = ["CCO", "c1ccccc1", "CC(=O)O", "CCN"];
        string[] decoded = ["CCO", "C1=CC=CC=C1", "CC(=O)", "CC"];
        var r = ReconstructionAccuracy.Compute(inputs, decoded);
        Assert.Equal(0.25, r.ExactMatch);
        Assert.Equal(0.5, r.SameMolecule);
        // tokens: CCO 3/3, c1ccccc1 vs C1=CC=CC=C1 1/8 (the ring label at position 1), CC(=O)O 6/7, CCN 2/3
        Assert.Equal((3 + 1 + 6 + 2) / 21.0, r.TokenAccuracy, 12);
    }
}
