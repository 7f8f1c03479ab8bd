using Vae.Data;
using Vae.Models;
using Vae.Objectives;
using static TorchSharp.torch;

namespace Vae.Tests.Models;

public class PropertyHeadTests
{
    static ModelOptions WithHead() => TestModels.SmallMlp() with { PropertyHead = new PropertyHeadOptions { Hidden = [8], Targets = 2, Mean = [10, -1], Scale = [2, 0.5] } };

    [Fact]
    public void The_Property_Error_Is_The_Squared_Error_Of_The_Standardized_Known_Targets()
    {
        using var scope = NewDisposeScope();
        using var model = new VaeModel(WithHead(), seed: 1);
        using var g = new Generator(7);
        var x = rand([3, 16], generator: g);
        var y = tensor(new float[] { 12, float.NaN, 9, -2, float.NaN, float.NaN }, [3, 2]);
        var terms = model.Terms(new Batch(x, null, y));
        var f = model.PredictStandardized(terms.Z).data<float>().ToArray();
        double[] expected =
        [
            Math.Pow(f[0] - (12 - 10) / 2.0, 2),
            Math.Pow(f[2] - (9 - 10) / 2.0, 2) + Math.Pow(f[3] - (-2 + 1) / 0.5, 2),
            0,
        ];
        var error = terms.PropertyError!.data<float>().ToArray();
        // float32 against double: compared within a tolerance (rounding both to 4 decimals fails at a rounding edge).
        for (int i = 0; i < 3; i++) Assert.Equal(expected[i], error[i], 1e-5);
        var unscaled = model.PredictProperties(terms.Z).data<float>().ToArray();
        Assert.Equal(f[1] * 0.5 - 1, unscaled[1], 1e-5);
    }

    [Fact]
    public void The_Loss_Adds_The_Weighted_Mean_Property_Error()
    {
        using var scope = NewDisposeScope();
        using var model = new VaeModel(WithHead(), seed: 1);
        var terms = model.Terms(new Batch(rand(4, 16), null, randn(4, 2)));
        double withHead = new Objective(new ObjectiveOptions { PropertyWeight = 3 }).Loss(terms, 1).item<float>();
        double without = new Objective(new ObjectiveOptions { PropertyWeight = 0 }).Loss(terms, 1).item<float>();
        // Both losses are float32 sums of a few hundred nats (resolution ~3e-5), so their difference is good to ~1e-4.
        Assert.Equal(3 * terms.PropertyError!.mean().item<float>(), withHead - without, 2e-4);
    }

    [Fact]
    public void A_Model_Without_Head_Has_No_Head_Weights_And_Ignores_Targets()
    {
        using var scope = NewDisposeScope();
        using var model = new VaeModel(TestModels.SmallMlp(), seed: 1);
        Assert.DoesNotContain(model.named_parameters(), p => p.name.Contains("property", StringComparison.OrdinalIgnoreCase));
        Assert.Null(model.Terms(new Batch(rand(2, 16), null, randn(2, 1))).PropertyError);
        using var withHead = new VaeModel(WithHead(), seed: 1);
        Assert.Contains(withHead.named_parameters(), p => p.name.StartsWith("propertyHead", StringComparison.Ordinal));
    }

    [Fact]
    public void Targets_Follow_Their_Examples_Through_Subsets_And_Batches()
    {
        var data = new Dataset("t", [0, 1, 2, 3, 4, 5], DataShape.Vector(2)).WithTargets([10, 11, 12], ["y"]);
        var sub = data.Subset([2, 0]);
        Assert.Equal([12f, 10f], sub.Targets!);
        Assert.Equal(["y"], sub.TargetNames);
        using var scope = NewDisposeScope();
        Assert.Equal([11f, 12f], data.BatchAt(1, 2, CPU).Targets!.data<float>().ToArray());
        using var stream = new BatchStream(data, CPU, 2);
        var b = stream.Batch(tensor(new long[] { 2, 1, 0 }), 0);
        Assert.Equal([12f, 11f], b.Targets!.data<float>().ToArray());
    }
}
