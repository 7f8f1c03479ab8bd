using Vae.Reliability;

namespace Vae.Tests.Reliability;

/// <summary>
/// Every reader, fed random mutations of a valid file, either reads it or throws its own clear error:
/// never another exception, a hang, or a huge allocation. The suite runs a few hundred cases per
/// reader; `bench/run fuzz --cases 10000` is the documented long run (docs/results/fuzzing.md).
/// </summary>
public class FuzzTests
{
    public static IEnumerable<object[]> Targets() => [["idx"], ["idx-gzip"], ["csv"], ["parquet"], ["arrow"], ["npy"], ["npz"], ["config"], ["model-folder"]];

    public static FuzzTarget Create(string name) => name switch
    {
        "idx" => new IdxTarget(gzip: false),
        "idx-gzip" => new IdxTarget(gzip: true),
        "csv" => new CsvTarget(),
        "parquet" => new ParquetTarget(),
        "arrow" => new ArrowTarget(),
        "npy" => new NpyTarget(archive: false),
        "npz" => new NpyTarget(archive: true),
        "config" => new ModelFolderTarget(onlyConfig: true),
        _ => new ModelFolderTarget(onlyConfig: false),
    };

    [Theory]
    [MemberData(nameof(Targets))]
    public void Mutated_Inputs_Are_Read_Or_Rejected_With_A_Clear_Error(string name)
    {
        using var target = Create(name);
        var summary = FuzzRunner.Run(target, cases: name.StartsWith("idx") || name is "csv" or "npy" or "npz" ? 1000 : name is "parquet" or "arrow" ? 500 : 200, seed: 42);
        Assert.True(summary.Failures.Count == 0, string.Join("\n", summary.Failures.Take(10)));
        Assert.True(summary.ClearErrors > 0, "mutations should produce some errors");
    }
}
