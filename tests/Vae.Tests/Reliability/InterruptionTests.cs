using Vae.Runs;

namespace Vae.Tests.Reliability;

/// <summary>
/// Training processes killed at random moments lose nothing: every resume loads and continues, and
/// the run that was killed and resumed ends with exactly the weights and metrics of an uninterrupted
/// one. The suite kills 4 times; set VAE_KILL_ITERATIONS for a longer run (docs/reliability.md).
/// </summary>
public class InterruptionTests : IDisposable
{
    private readonly TempDir tmp = new();
    private readonly string mnist;

    public InterruptionTests() => mnist = Fixtures.MnistFolder(tmp.Path, train: 1536, test: 64);

    public void Dispose() => tmp.Dispose();

    string[] TrainArgs(string dir, int epochs = 4) => ["train", "--data", "mnist:" + mnist, "--out", dir, "--epochs", epochs.ToString(), "--hidden", "128", "--latent", "8", "--val-size", "128", "--batch-size", "32", "--seed", "3"];

    static string[] Comparable(string dir) => File.ReadAllLines(Path.Combine(dir, "metrics.jsonl"))
        .Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement)
        .Select(e => $"{e.GetProperty("epoch")} {e.GetProperty("train_loss")} {e.GetProperty("val_elbo")} {e.GetProperty("step")}").ToArray();

    const int Epochs = 8;

    [Fact]
    public void Sigkill_At_Random_Moments_Then_Resume_Ends_Exactly_As_An_Uninterrupted_Run()
    {
        string straight = tmp.File("straight");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        using (var p = new ChildProcess(TrainArgs(straight, Epochs))) Assert.True(p.Wait() == 0, p.Errors);
        // Kill moments scale with how long a whole run takes on this machine (quiet or loaded), so
        // that kills land while the run is still going, from start-up to the last epochs.
        int whole = (int)clock.ElapsedMilliseconds;

        int iterations = int.TryParse(Environment.GetEnvironmentVariable("VAE_KILL_ITERATIONS"), out int k) ? k : 4;
        string dir = tmp.File("killed");
        var rng = new Random(Environment.TickCount);
        int kills = 0, resumes = 0;
        bool done = false;
        int window = whole;   // kill moments are drawn from [window/10, window/2] after a process starts
        for (int i = 0; i < iterations + 40 && !done; i++)
        {
            bool started = File.Exists(Path.Combine(dir, "state.json"));
            using var p = started ? new ChildProcess("train", "--resume", dir) : new ChildProcess(TrainArgs(dir, Epochs));
            if (started) resumes++;
            if (kills < iterations)
            {
                Thread.Sleep(rng.Next(window / 10, window / 2));
                if (!p.HasExited) { p.Kill(); kills++; continue; }
            }
            int code = p.Wait();
            Assert.True(code == 0, $"run {i} (after {kills} kills) failed with {code}: {p.Errors}");
            done = ModelFolder.ReadState(dir).Finished;
            if (done && kills < Math.Min(iterations, 2))
            {
                // The run outpaced the kills (the machine got faster than when `whole` was measured): start over, killing sooner.
                Directory.Delete(dir, recursive: true);
                (done, kills, resumes, window) = (false, 0, 0, Math.Max(window / 2, 200));
            }
        }
        Assert.True(done, "the killed run never finished");
        Assert.True(kills >= Math.Min(iterations, 2), $"only {kills} kills landed");
        Assert.Equal(File.ReadAllBytes(Path.Combine(straight, "model.dat")), File.ReadAllBytes(Path.Combine(dir, "model.dat")));
        Assert.Equal(Comparable(straight), Comparable(dir));
        Assert.Empty(Directory.GetDirectories(tmp.Path, ".killed.*"));
    }

    [Theory]
    [InlineData("INT")]
    [InlineData("TERM")]
    public void An_Interrupt_Finishes_The_Step_Writes_A_Checkpoint_And_Says_How_To_Resume(string signal)
    {
        string dir = tmp.File("interrupted");
        using (var p = new ChildProcess(TrainArgs(dir, epochs: 300)))   // long enough that the signal always lands mid-run
        {
            var deadline = DateTime.UtcNow.AddMinutes(5);
            while (!File.Exists(Path.Combine(dir, "state.json")) && DateTime.UtcNow < deadline) Thread.Sleep(100);   // after epoch 1
            Thread.Sleep(300);
            p.Signal(signal);
            Assert.Equal(130, p.Wait());
            Assert.Contains("Continue with: vae train --resume " + dir, p.Errors);
        }
        var state = ModelFolder.ReadState(dir);
        Assert.False(state.Finished);
        Assert.True(state.Epoch >= 1);
        using var resumed = new ChildProcess("train", "--resume", dir, "--epochs", (state.Epoch + 1).ToString());
        Assert.True(resumed.Wait() == 0, resumed.Errors);
        Assert.Equal(state.Epoch + 1, ModelFolder.ReadState(dir).Epoch);
    }
}
