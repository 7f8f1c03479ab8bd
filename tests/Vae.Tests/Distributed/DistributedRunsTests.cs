using System.Text.Json.Nodes;
using Vae.Applications.SingleCell;
using Vae.Data;
using Vae.Evaluation;
using Vae.Models;
using Vae.Tests.Cli;
using Vae.Training;
using static TorchSharp.torch;

namespace Vae.Tests.Distributed;

/// <summary>
/// `vae diagnose`, `vae sc evaluate` and `vae sweep` over ranks: the blocks of every rank, put together as the ranks
/// put them together, are one process's values to the bit; and the verbs on two ranks print what one process prints.
/// </summary>
[Collection(ProcessWide.Name)]   // the verbs run in memory with --threads 1, and the blocks are compared on one thread
public class DistributedRunsTests : IDisposable
{
    private readonly OneTorchThread threads = new();

    public void Dispose() => threads.Dispose();

    public static TheoryData<int, int> Splits => new() { { 2, 7 }, { 3, 7 }, { 5, 10 }, { 4, 100 } };

    [Theory]
    [MemberData(nameof(Splits))]
    public void Encoded_Blocks_Of_Every_Rank_In_Rank_Order_Are_The_Codes_Of_One_Process(int ranks, int batchSize)
    {
        var data = Fixtures.Uniform(45, DataShape.Vector(16), seed: 2);
        using var model = new VaeModel(TestModels.SmallMlp(input: 16, latent: 3), seed: 5);
        var (mean, std) = Generation.Encode(model, data, CPU, batchSize);
        var blocks = Enumerable.Range(0, ranks).Select(r => Generation.EncodeBlock(model, data, CPU, r, ranks, batchSize)).ToList();
        Assert.Equal(mean, blocks.SelectMany(b => b.Mean).ToArray());   // exactly: the same bits
        Assert.Equal(std, blocks.SelectMany(b => b.StdDev).ToArray());
        if (batchSize < 45) Assert.True(blocks.Count(b => b.Mean.Length > 0) > 1, "the split must give work to more than one rank");
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(7)]
    public void Mutual_Information_From_Every_Rank_s_Chunk_Sums_Added_In_Order_Is_One_Process_s(int ranks)
    {
        // 1,500 examples: 6 chunks of 256 (the last one short), under an aggregate of 1,000.
        var rng = new Random(4);
        int n = 1500, d = 3;
        var mean = Enumerable.Range(0, n * d).Select(_ => (float)rng.NextDouble() * 2 - 1).ToArray();
        var std = Enumerable.Range(0, n * d).Select(_ => 0.2f + (float)rng.NextDouble()).ToArray();
        double one = LatentDiagnostics.MutualInformation(mean, std, n, d, 1000, CPU, seed: 9);
        var blocks = Enumerable.Range(0, ranks).Select(r => LatentDiagnostics.MutualInformationBlock(mean, std, n, d, 1000, CPU, 9, r, ranks)).ToList();
        Assert.All(blocks, b => Assert.Equal(blocks[0].LogPosterior, b.LogPosterior));
        var sums = blocks.SelectMany(b => b.ChunkSums).ToArray();
        Assert.Equal(6, sums.Length);
        double sum = 0;
        foreach (double s in sums) sum += s;
        Assert.Equal(one, blocks[0].LogPosterior - sum / n);   // exactly
        // The reference is not trivially the same computation: adding the chunks in another order changes the last bits
        // (or not), but the estimate must stay within rounding of the ordered sum.
        double reversed = 0;
        foreach (double s in sums.Reverse()) reversed += s;
        Assert.Equal(one, blocks[0].LogPosterior - reversed / n, 1e-9);
    }

    [Theory]
    [InlineData(5, 1)]
    [InlineData(5, 2)]
    [InlineData(7, 3)]
    [InlineData(3, 3)]
    public void Every_Run_Of_A_Sweep_Goes_To_Exactly_One_Rank_Round_Robin(int runs, int ranks)
    {
        var all = Enumerable.Range(0, ranks).SelectMany(r => BetaSweep.RunsOf(runs, r, ranks).Select(i => (Run: i, Rank: r))).ToList();
        Assert.Equal(Enumerable.Range(0, runs), all.Select(a => a.Run).Order());
        Assert.All(all, a => Assert.Equal(a.Run % ranks, a.Rank));
    }

    [Fact]
    public void A_Sweep_Refuses_More_Ranks_Than_Beta_Values()
    {
        var e = Assert.Throws<VaeException>(() => BetaSweep.CheckRanks(runs: 2, ranks: 3));
        Assert.Equal("--ranks 3: more ranks than β values (2); each rank trains whole models, so use at most 2 ranks.", e.Message);
        BetaSweep.CheckRanks(runs: 3, ranks: 3);
    }

    static string[] Train(string data, string output, params string[] more) =>
        ["train", "--data", "mnist:" + data, "--out", output, "--epochs", "1", "--batch-size", "32", "--val-size", "0",
         "--hidden", "32", "--latent", "4", "--seed", "5", "--threads", "1", .. more];

    [MpiFact]
    public void Diagnose_On_Two_Ranks_Prints_What_One_Process_Prints()
    {
        using var tmp = new TempDir();
        // 2,300 test images: three batches of 1,000 to encode (rank 0 one, rank 1 two) and nine chunks of I(x; z) (four and five).
        string data = Fixtures.MnistFolder(tmp.Path, train: 256, test: 2300);
        string model = tmp.File("model");
        var trained = CliRunner.Run(Train(data, model));
        Assert.True(trained.ExitCode == 0, trained.Error);
        string[] diagnose = ["diagnose", model, "--n", "2300", "--threads", "1", "--plot", tmp.File("kl.png")];
        var one = CliRunner.Run([.. diagnose, "--json"]);
        Assert.True(one.ExitCode == 0, one.Error);
        var two = CliRunner.Run([.. diagnose, "--json", "--ranks", "2"]);
        Assert.True(two.ExitCode == 0, two.Out + two.Error);
        Assert.Contains("Starting 2 ranks with mpirun", two.Error);
        Assert.Equal(one.Out.Trim(), two.Out.Trim());   // one object, the same digits: rank 0 alone prints
        Assert.NotNull(JsonNode.Parse(two.Out.Trim())!["mutual_information"]);

        var text1 = CliRunner.Run(diagnose);
        var text2 = CliRunner.Run([.. diagnose, "--ranks", "2"]);
        Assert.True(text2.ExitCode == 0, text2.Error);
        Assert.Equal(text1.Out, text2.Out);
        Assert.True(File.Exists(tmp.File("kl.png")));
    }

    [MpiFact]
    public void Diagnose_Of_An_Autoencoder_On_Two_Ranks_Prints_What_One_Process_Prints()
    {
        using var tmp = new TempDir();
        string data = Fixtures.MnistFolder(tmp.Path, train: 256, test: 1500);
        string model = tmp.File("ae");
        var trained = CliRunner.Run(Train(data, model, "--model", "ae"));
        Assert.True(trained.ExitCode == 0, trained.Error);
        string[] diagnose = ["diagnose", model, "--n", "1500", "--threads", "1", "--plot", tmp.File("var.png")];
        var one = CliRunner.Run(diagnose);
        var two = CliRunner.Run([.. diagnose, "--ranks", "2"]);
        Assert.True(one.ExitCode == 0 && two.ExitCode == 0, one.Error + two.Error);
        Assert.Contains("a deterministic encoder", two.Out);
        Assert.Equal(one.Out, two.Out);
    }

    [Fact]
    public void Diagnose_Of_A_VqVae_Refuses_Ranks_Before_Starting_Them()
    {
        using var tmp = new TempDir();
        string data = Fixtures.MnistFolder(tmp.Path, train: 128, test: 20);
        string model = tmp.File("vq");
        var trained = CliRunner.Run(["train", "--data", "mnist:" + data, "--out", model, "--epochs", "1", "--val-size", "0", "--model", "ae",
            "--vq-codes", "4", "--vq-dim", "2", "--vq-grid", "1", "--latent", "2", "--hidden", "16", "--threads", "1"]);
        Assert.True(trained.ExitCode == 0, trained.Error);
        var r = CliRunner.Run("diagnose", model, "--ranks", "2");
        Assert.Equal(Vae.Cli.ExitCodes.BadInput, r.ExitCode);
        Assert.Equal($"error: {Vae.Cli.Commands.DiagnoseCommand.CodebookRefusal}", r.Error.Trim());
        Assert.DoesNotContain("Starting", r.Error);
    }

    [MpiFact]
    public void Sc_Evaluate_On_Two_Ranks_Prints_What_One_Process_Prints()
    {
        using var tmp = new TempDir();
        string sim = tmp.File("sim");
        CountSimulator.Simulate(new SimulationOptions { Cells = 1500, Genes = 120, Types = 3, Batches = 2, Seed = 7 }).Write(sim);
        string model = tmp.File("nb");
        var trained = CliRunner.Run(["train", "--data", "10x:" + sim, "--metadata", Path.Combine(sim, "metadata.csv"), "--hvg", "100", "--hidden", "16",
            "--latent", "3", "--epochs", "1", "--batch-size", "64", "--likelihood", "nb", "--out", model, "--threads", "1"]);
        Assert.True(trained.ExitCode == 0, trained.Error + trained.Out);
        // 1,350 training cells: two batches of 1,000 to encode; 150 held-out cells at K = 500, 32 per pass: five passes.
        string[] evaluate = ["sc", "evaluate", model, "--k", "500", "--threads", "1", "--json"];
        var one = CliRunner.Run(evaluate);
        Assert.True(one.ExitCode == 0, one.Error);
        var two = CliRunner.Run([.. evaluate, "--ranks", "2"]);
        Assert.True(two.ExitCode == 0, two.Out + two.Error);
        var (a, b) = (JsonNode.Parse(one.Out.Trim())!.AsObject(), JsonNode.Parse(two.Out.Trim())!.AsObject());
        a.Remove("seconds");
        b.Remove("seconds");
        Assert.Equal(a.ToJsonString(), b.ToJsonString());
        Assert.Equal(150, (int)a["heldout_cells"]!);
    }

    [MpiFact]
    public void Sweep_On_Two_Ranks_Trains_The_Models_And_Writes_The_Points_Of_One_Process()
    {
        using var tmp = new TempDir();
        string data = Fixtures.MnistFolder(tmp.Path, train: 256, test: 100);
        string[] sweep(string output) => ["sweep", "--data", "mnist:" + data, "--out", output, "--epochs", "1", "--batch-size", "32", "--val-size", "0",
            "--hidden", "16", "--latent", "2", "--seed", "5", "--threads", "1", "--beta", "0.5,1,4", "--n", "100", "--json"];
        var one = CliRunner.Run(sweep(tmp.File("one")));
        Assert.True(one.ExitCode == 0, one.Error);
        var two = CliRunner.Run([.. sweep(tmp.File("two")), "--ranks", "2"]);
        Assert.True(two.ExitCode == 0, two.Out + two.Error);
        Assert.Contains("β number i on rank i mod 2", two.Error);
        static string Points(string json, string dir) => json.Trim().Replace(dir, "DIR", StringComparison.Ordinal);
        Assert.Equal(Points(one.Out, tmp.File("one")), Points(two.Out, tmp.File("two")));
        Assert.Equal(Points(File.ReadAllText(Path.Combine(tmp.File("one"), "sweep.json")), tmp.File("one")),
                     Points(File.ReadAllText(Path.Combine(tmp.File("two"), "sweep.json")), tmp.File("two")));
        foreach (var beta in new[] { "0.5", "1", "4" })
            Assert.Equal(File.ReadAllBytes(Path.Combine(tmp.File("one"), "beta-" + beta, "model.dat")),
                         File.ReadAllBytes(Path.Combine(tmp.File("two"), "beta-" + beta, "model.dat")));
        Assert.Equal(3, JsonNode.Parse(two.Out.Trim())!["points"]!.AsArray().Count);
    }
}
