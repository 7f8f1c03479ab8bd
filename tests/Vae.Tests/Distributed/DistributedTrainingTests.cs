using System.Diagnostics;
using Vae.Runs;
using Vae.Tests.Cli;
using static TorchSharp.torch;

namespace Vae.Tests.Distributed;

/// <summary>
/// Training on two ranks under mpirun (Open MPI): the same parameters as one process with the same global
/// batch, the same bits on every run, resume under another number of ranks, and what happens when a rank
/// dies, hangs, or was started differently. A few seconds of training each, on a small MNIST-format folder
/// whose last batch of an epoch has a single row (so one rank has none).
/// </summary>
public class DistributedTrainingTests
{
    // 512 training images, 63 held out: 449 rows, 14 batches of 32 and one of 1.
    static string[] Options(string data, string output, int epochs = 2) =>
        ["train", "--data", "mnist:" + data, "--out", output, "--epochs", epochs.ToString(), "--batch-size", "32", "--val-size", "63",
         "--hidden", "64", "--latent", "4", "--seed", "5", "--threads", "1"];

    static Dictionary<string, float[]> Parameters(string dir)
    {
        using var loaded = ModelFolder.Load(dir, CPU);
        return loaded.Model.named_parameters().ToDictionary(p => p.name, p => p.parameter.detach().contiguous().data<float>().ToArray());
    }

    static double LargestDifference(Dictionary<string, float[]> a, Dictionary<string, float[]> b) =>
        a.Max(p => p.Value.Zip(b[p.Key], (x, y) => Math.Abs((double)x - y)).Max());

    [MpiFact]
    public void Two_Ranks_Give_The_Parameters_Of_One_Process_And_The_Same_Bits_Every_Time()
    {
        using var tmp = new TempDir();
        string data = Fixtures.MnistFolder(tmp.Path);
        var one = CliRunner.Run(Options(data, tmp.File("one")));
        Assert.True(one.ExitCode == 0, one.Error);
        var first = CliRunner.Run([.. Options(data, tmp.File("two-a")), "--ranks", "2"]);
        Assert.True(first.ExitCode == 0, first.Out + first.Error);
        Assert.Contains("Starting 2 ranks with mpirun", first.Error);
        Assert.Single(first.Out.Split('\n'), l => l.StartsWith("Done:", StringComparison.Ordinal));   // rank 0 alone reports
        var again = MpiProcesses.Run(TimeSpan.FromMinutes(3), [.. Options(data, tmp.File("two-b")), "--ranks", "2"], [.. Options(data, tmp.File("two-b")), "--ranks", "2"]);
        Assert.True(again.ExitCode == 0, again.Output);

        var (p1, p2a, p2b) = (Parameters(tmp.File("one")), Parameters(tmp.File("two-a")), Parameters(tmp.File("two-b")));
        Assert.True(LargestDifference(p1, p2a) < 1e-4, $"largest difference from one process: {LargestDifference(p1, p2a):G3}");
        Assert.Equal(0, LargestDifference(p2a, p2b));
        var (m1, m2) = (ModelFolder.ReadMetrics(tmp.File("one")), ModelFolder.ReadMetrics(tmp.File("two-a")));
        Assert.Equal(m1.Count, m2.Count);
        for (int e = 0; e < m1.Count; e++)
        {
            Assert.Equal(m1[e].Step, m2[e].Step);
            Assert.Equal(m1[e].TrainElbo, m2[e].TrainElbo, 3);
            Assert.Equal(m1[e].ValElbo!.Value, m2[e].ValElbo!.Value, 3);
        }
        Assert.Equal(ModelFolder.ReadState(tmp.File("one")).NoiseRng, ModelFolder.ReadState(tmp.File("two-a")).NoiseRng);
    }

    [MpiFact]
    public void A_Run_Of_One_Process_Continues_On_Two_Ranks()
    {
        using var tmp = new TempDir();
        string data = Fixtures.MnistFolder(tmp.Path);
        Assert.Equal(0, CliRunner.Run(Options(data, tmp.File("straight"), epochs: 2)).ExitCode);
        Assert.Equal(0, CliRunner.Run(Options(data, tmp.File("resumed"), epochs: 1)).ExitCode);
        var resumed = CliRunner.Run("train", "--resume", tmp.File("resumed"), "--epochs", "2", "--ranks", "2", "--threads", "1");
        Assert.True(resumed.ExitCode == 0, resumed.Out + resumed.Error);
        Assert.True(LargestDifference(Parameters(tmp.File("straight")), Parameters(tmp.File("resumed"))) < 1e-4);
        Assert.Equal(2, ModelFolder.ReadState(tmp.File("resumed")).Epoch);
    }

    [MpiFact]
    public void Ranks_Started_With_Different_Options_Refuse_To_Start_Naming_The_Rank_And_The_Option()
    {
        using var tmp = new TempDir();
        string data = Fixtures.MnistFolder(tmp.Path);
        string output = tmp.File("run");
        string[] rank0 = Options(data, output), rank1 = [.. Options(data, output)[..^4], "--seed", "6", "--threads", "1"];
        var run = MpiProcesses.Run(TimeSpan.FromMinutes(2), rank0, rank1);
        Assert.NotEqual(0, run.ExitCode);
        var errors = run.Output.Split('\n').Where(l => l.StartsWith("error", StringComparison.Ordinal)).ToList();
        Assert.Single(errors);
        Assert.Contains("rank 1 differs from rank 0: its option training.seed is 6 (rank 0: 5)", errors[0]);
        Assert.False(File.Exists(Path.Combine(output, ModelFolder.StateFile)));
    }

    [MpiFact]
    public void A_Killed_Rank_Stops_Every_Rank_Within_Seconds_And_Leaves_The_Checkpoint_Intact() =>
        Fault("KILL", [], "rank 1 stopped (exited on signal 9 (Killed)); mpirun stopped every other rank.");

    [MpiFact]
    public void A_Hung_Rank_Stops_Every_Rank_Within_Seconds_With_One_Message() =>
        Fault("STOP", ["--rank-timeout", "2"], "rank 0: no answer from rank 1 within");

    // Starts a long run on two ranks, waits for its first checkpoint, sends rank 1 the signal, and expects
    // the whole run to end within seconds, with the message once and the checkpoint loadable.
    static void Fault(string signal, string[] more, string expected)
    {
        using var tmp = new TempDir();
        string data = Fixtures.MnistFolder(tmp.Path, train: 2048);
        string output = tmp.File("run-" + Guid.NewGuid().ToString("N")[..8]);
        var run = Task.Run(() => CliRunner.Run([.. Options(data, output, epochs: 1000), "--ranks", "2", .. more]));
        var clock = Stopwatch.StartNew();
        while (!File.Exists(Path.Combine(output, ModelFolder.StateFile)) && clock.Elapsed < TimeSpan.FromMinutes(2) && !run.IsCompleted) Thread.Sleep(100);
        Assert.True(File.Exists(Path.Combine(output, ModelFolder.StateFile)), run.IsCompleted ? run.Result.Out + run.Result.Error : "no checkpoint within 2 minutes");
        int pid = MpiProcesses.FindRank(1, output) ?? throw new Xunit.Sdk.XunitException("rank 1's process not found");
        var signalled = Stopwatch.StartNew();
        MpiProcesses.Signal(pid, signal);
        bool ended = run.Wait(TimeSpan.FromSeconds(30));
        if (!ended) MpiProcesses.Signal(pid, "KILL");
        Assert.True(ended, "the run did not stop within 30 s");
        Assert.True(signalled.Elapsed < TimeSpan.FromSeconds(25), $"stopped after {signalled.Elapsed.TotalSeconds:F1} s");
        var result = run.Result;
        Assert.NotEqual(0, result.ExitCode);
        var errors = result.Error.Split('\n').Where(l => l.StartsWith("error", StringComparison.Ordinal)).ToList();
        Assert.True(errors.Count == 1, string.Join("\n", errors));
        Assert.Contains(expected, errors[0]);
        Assert.Contains($"The last checkpoint in {output} (epoch", errors[0]);
        Assert.DoesNotContain("MPI_ABORT", result.Out + result.Error);
        using var loaded = ModelFolder.Load(output, CPU);   // intact
        Assert.True(ModelFolder.ReadState(output).Epoch >= 1);
    }
}
