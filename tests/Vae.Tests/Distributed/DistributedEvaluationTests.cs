using System.Text.Json.Nodes;
using Vae.Data;
using Vae.Evaluation;
using Vae.Models;
using Vae.Tests.Cli;
using static TorchSharp.torch;

namespace Vae.Tests.Distributed;

/// <summary>
/// Evaluation over ranks: each rank's block of examples, with the draws one process makes for it, gathered back
/// in order, gives one process's per-example log p(x) to the bit; and `vae eval` on two ranks prints what one
/// process prints.
/// </summary>
[Collection(ProcessWide.Name)]   // the verbs run in memory with --threads 1, and the blocks are compared on one thread
public class DistributedEvaluationTests : IDisposable
{
    private readonly OneTorchThread threads = new();

    public void Dispose() => threads.Dispose();

    public static TheoryData<int, int> Splits => new() { { 2, 7 }, { 3, 7 }, { 5, 7 }, { 3, 100 }, { 4, 1000 } };

    [Theory]
    [MemberData(nameof(Splits))]
    public void Blocks_Of_Every_Rank_Gathered_In_Order_Are_The_Values_Of_One_Process(int ranks, int rowsPerPass)
    {
        var data = Fixtures.Uniform(45, DataShape.Vector(16), seed: 2);
        using var model = new VaeModel(TestModels.SmallMlp(input: 16, latent: 3), seed: 5);
        // k = 6 samples, drawn min(6, rowsPerPass) at a time: passes of rowsPerPass / 6 examples (at least 1).
        var one = MarginalLikelihood.Estimate(model, data, CPU, k: 6, seed: 3, rowsPerPass: rowsPerPass);
        var blocks = Enumerable.Range(0, ranks)
            .Select(r => MarginalLikelihood.EstimateBlock(model, data, CPU, k: 6, rank: r, size: ranks, seed: 3, rowsPerPass: rowsPerPass)).ToList();
        Assert.Equal(data.Count, blocks.Sum(b => b.Length));
        var gathered = RankBlocks.Concatenate(blocks.Select(b => System.Runtime.InteropServices.MemoryMarshal.AsBytes(b.AsSpan()).ToArray()));
        Assert.Equal(one, gathered);   // exactly: the same bits
        if (rowsPerPass < 1000) Assert.True(blocks.Count(b => b.Length > 0) > 1, "the split must give work to more than one rank");
    }

    [Fact]
    public void A_Later_Block_Differs_If_The_Draws_Before_It_Are_Not_Skipped()
    {
        // The reference for the test above: evaluating rank 1's examples with a fresh generator gives other numbers.
        var data = Fixtures.Uniform(20, DataShape.Vector(16), seed: 2);
        using var model = new VaeModel(TestModels.SmallMlp(input: 16, latent: 3), seed: 5);
        var one = MarginalLikelihood.Estimate(model, data, CPU, k: 6, seed: 3, rowsPerPass: 12);
        var fresh = MarginalLikelihood.Estimate(model, data.Subset(Enumerable.Range(10, 10).ToArray()), CPU, k: 6, seed: 3, rowsPerPass: 12);
        Assert.NotEqual(one[10..], fresh);
    }

    static string[] Train(string data, string output) =>
        ["train", "--data", "mnist:" + data, "--out", output, "--epochs", "1", "--batch-size", "32", "--val-size", "0",
         "--hidden", "64", "--latent", "4", "--seed", "5", "--threads", "1"];

    [MpiFact]
    public void Eval_On_Two_Ranks_Prints_The_Numbers_Of_One_Process()
    {
        using var tmp = new TempDir();
        string data = Fixtures.MnistFolder(tmp.Path, train: 256, test: 100);
        string model = tmp.File("model");
        var trained = CliRunner.Run(Train(data, model));
        Assert.True(trained.ExitCode == 0, trained.Error);
        // K = 1500: passes of 10 examples (16,384 rows per pass), so 10 passes; rank 1's draws follow rank 0's five passes.
        string[] eval = ["eval", model, "--k", "1500", "--n", "100", "--seed", "2", "--threads", "1"];
        var one = CliRunner.Run([.. eval, "--json"]);
        Assert.True(one.ExitCode == 0, one.Error);
        var two = CliRunner.Run([.. eval, "--json", "--ranks", "2"]);
        Assert.True(two.ExitCode == 0, two.Out + two.Error);
        Assert.Contains("Starting 2 ranks with mpirun", two.Error);
        var (a, b) = (JsonNode.Parse(one.Out.Trim())!, JsonNode.Parse(two.Out.Trim())!);   // one object: rank 0 alone prints
        foreach (var field in new[] { "elbo", "reconstruction", "kl", "nll", "k", "n" })
            Assert.Equal(a[field]?.ToJsonString(), b[field]?.ToJsonString());
        Assert.Equal(a.ToJsonString(), b.ToJsonString());

        var text1 = CliRunner.Run(eval);
        var text2 = MpiProcesses.Run(TimeSpan.FromMinutes(3), eval, eval);
        Assert.True(text2.ExitCode == 0, text2.Output);
        var lines = text1.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        foreach (var line in lines) Assert.Contains(line.TrimEnd('\r'), text2.Output);
        Assert.Single(text2.Output.Split('\n'), l => l.Contains("NLL", StringComparison.Ordinal));
    }

    [MpiFact]
    public void Ranks_Evaluating_With_Different_Options_Stop_Naming_The_Rank()
    {
        using var tmp = new TempDir();
        string data = Fixtures.MnistFolder(tmp.Path, train: 128, test: 20);
        string model = tmp.File("model");
        Assert.Equal(0, CliRunner.Run(Train(data, model)).ExitCode);
        var run = MpiProcesses.Run(TimeSpan.FromMinutes(2), ["eval", model, "--k", "10", "--seed", "1"], ["eval", model, "--k", "10", "--seed", "2"]);
        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("rank 1 differs from rank 0: its option --seed is 2 (rank 0: 1)", run.Output);
    }
}
