using Vae.Reliability;

namespace Vae.Tests.Reliability;

/// <summary>
/// Every reader, fed random mutations of a valid file, either reads it or throws its own clear error:
/// never another exception, a hang, or a huge allocation. The suite runs a few hundred cases per
/// reader; `bench/run fuzz --cases 10000` is the documented long run (docs/results/fuzzing.md).
/// </summary>
public class FuzzTests
{
    public static IEnumerable<object[]> Targets() => FuzzTargets.All.Keys.Select(k => new object[] { k });

    public static FuzzTarget Create(string name) => FuzzTargets.All[name]();

    [Theory]
    [MemberData(nameof(Targets))]
    public void Mutated_Inputs_Are_Read_Or_Rejected_With_A_Clear_Error(string name)
    {
        using var target = Create(name);
        // The whole-folder targets load a model or decode images per case: fewer of them keep the suite short.
        var summary = FuzzRunner.Run(target, cases: name is "config" or "model-folder" ? 200 : name is "h5ad" ? 300 : name is "parquet" or "arrow" ? 500 : 1000, seed: 42);
        Assert.True(summary.Failures.Count == 0, string.Join("\n", summary.Failures.Take(10)));
        Assert.True(summary.ClearErrors > 0, "mutations should produce some errors");
    }
}
