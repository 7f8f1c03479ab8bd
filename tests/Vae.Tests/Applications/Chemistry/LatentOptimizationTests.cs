using Vae.Applications.Chemistry;

namespace Vae.Tests.Applications.Chemistry;

public class LatentOptimizationTests
{
    [Fact]
    public void Changes_Are_Measured_From_The_Start_Molecule_And_From_The_First_Decoding_To_The_Last_Valid_One()
    {
        var options = new LatentOptimization.Options("tpsa", Increase: true, Steps: 2, StepSize: 0.1, PriorWeight: 0, Every: 1);
        string[] start = ["CCO", "CCN", "CCC"];
        double[] startTpsa = [20.23, 26.02, 0];
        PathPoint P(int m, int step, string s, double? v) => new(m, step, s, v is not null, v, 0);
        var path = new List<PathPoint>
        {
            P(0, 0, "CCO", 20.23), P(0, 1, "CC(O)O", 40.46), P(0, 2, "C(", null),        // last valid: step 1
            P(1, 0, "C(", null), P(1, 1, "CCN", 26.02), P(1, 2, "NCCN", 52.04),          // step 0 invalid
            P(2, 0, "C)", null), P(2, 1, "((", null), P(2, 2, "C1", null),               // never valid
        };
        var r = new LatentOptimization.Result(options, start, startTpsa, path, []);
        Assert.Equal(["CC(O)O", "NCCN", null], r.Final.Select(p => p?.Smiles));
        Assert.Equal(((40.46 - 20.23) + (52.04 - 26.02)) / 2, r.MeanChange!.Value, 9);
        Assert.Equal(40.46 - 20.23, r.MeanChangeFromFirstDecoding!.Value, 9);    // only path 0 has a valid step-0 decoding
        Assert.Equal(2 / 3.0, r.Improved, 12);
        Assert.Equal(2, r.NewMolecules);                                           // CC(O)O and NCCN; CCO and CCN are start molecules
    }

    [Fact]
    public void Only_Computable_Properties_Can_Be_Optimised()
    {
        Assert.Equal(20.23, LatentOptimization.Measure("TPSA")("CCO")!.Value, 2);
        Assert.Null(LatentOptimization.Measure("tpsa")("C1CC"));
        Assert.Equal(0.1441 - 0.2035 - 0.2893 + 5 * 0.123 - 0.2677, LatentOptimization.Measure("logP")("CCO")!.Value, 4);
        Assert.Contains("tpsa and logp", Assert.Throws<VaeException>(() => LatentOptimization.Measure("qed")).Message);
    }
}
