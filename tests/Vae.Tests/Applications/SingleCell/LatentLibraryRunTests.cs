using System.Text.Json;
using Vae.Applications.SingleCell;
using Vae.Data;
using Vae.Distributions;
using Vae.Models;
using Vae.Runs;
using Vae.Tests.Cli;
using Vae.Training;
using static TorchSharp.torch;

namespace Vae.Tests.Applications.SingleCell;

/// <summary>Training, resuming and evaluating count models with <c>--latent-library</c>.</summary>
public class LatentLibraryRunTests : IDisposable
{
    private readonly TempDir tmp = new();
    private readonly string sim;

    public LatentLibraryRunTests()
    {
        sim = tmp.File("sim");
        CountSimulator.Simulate(new SimulationOptions { Cells = 300, Genes = 50, Types = 3, Batches = 2, Seed = 4 }).Write(sim);
    }

    public void Dispose() => tmp.Dispose();

    RunConfig Config(int epochs) => new()
    {
        Model = new ModelOptions { Network = new MlpNetwork { Hidden = [16] }, Latent = 3, Likelihood = LikelihoodKind.NegativeBinomial, InputTransform = InputTransform.Log1p, LatentLibrary = new LatentLibraryOptions() },
        Data = new DataOptions
        {
            Source = "10x:" + sim, Metadata = Path.Combine(sim, "metadata.csv"), LabelKey = "cell_type", BatchKey = "batch",
            ValidationSize = 0, TestFraction = 0.1, Binarize = BinarizeMode.None,
        },
        Training = TrainingOptions.Default with { Epochs = epochs, BatchSize = 64, Seed = 3 },
    };

    sealed class StopAt(int epoch, int batch, CancellationTokenSource cancel) : ITrainingObserver
    {
        public void OnBatch(BatchProgress p)
        {
            if (p.Epoch == epoch && p.Batch == batch) cancel.Cancel();
        }
    }

    [Fact]
    public void A_Latent_Library_Run_Stores_Its_Prior_In_The_Config_And_Resumes_Exactly()
    {
        string straight = tmp.File("straight");
        TrainingResult done;
        using (var t = Trainer.Start(Config(2), straight, CPU)) done = t.Run();

        var config = ModelFolder.ReadConfig(straight);
        Assert.NotNull(config.Model.LatentLibrary);
        Assert.Equal(2, config.Model.Conditions);
        var (train, _) = CountData.LoadSplits(config.Data);
        for (int b = 0; b < 2; b++)
        {
            var logs = Enumerable.Range(0, train.Count).Where(i => train.Conditions![i * 2 + b] == 1)
                .Select(i => Math.Log(train.Row(i).ToArray().Sum(v => (double)v))).ToArray();
            double mean = logs.Average();
            Assert.Equal(mean, config.Model.LatentLibrary!.LogMean![b], 9);
            Assert.Equal(logs.Sum(l => (l - mean) * (l - mean)) / logs.Length, config.Model.LatentLibrary!.LogVariance![b], 9);
        }
        string json = File.ReadAllText(Path.Combine(straight, ModelFolder.ConfigFile));
        Assert.Contains("\"latent_library\": {", json);
        Assert.Contains("\"log_variance\"", json);

        foreach (var m in done.Metrics)
        {
            Assert.True(m.TrainKlLibrary > 0, $"epoch {m.Epoch}: KL of the library {m.TrainKlLibrary}");
            Assert.Equal(-m.TrainReconstruction - m.TrainKl - m.TrainKlLibrary!.Value, m.TrainElbo, 6);
        }
        Assert.Contains("\"train_kl_library\"", File.ReadAllText(Path.Combine(straight, ModelFolder.MetricsFile)));

        // interrupted in the middle of epoch 2 (the library KL's running sum is in the checkpoint), then resumed
        string dir = tmp.File("resumed");
        using (var cancel = new CancellationTokenSource())
        using (var t = Trainer.Start(Config(2), dir, CPU))
            Assert.Equal(TrainingOutcome.Interrupted, t.Run(new StopAt(2, 2, cancel), cancel.Token).Outcome);
        Assert.Equal(5, ModelFolder.ReadState(dir).EpochSums.Length);
        TrainingResult resumed;
        using (var t = Trainer.Resume(dir, CPU)) resumed = t.Run();
        Assert.Equal(done.Metrics.Select(m => (m.TrainLoss, m.TrainKlLibrary, m.Step)), resumed.Metrics.Select(m => (m.TrainLoss, m.TrainKlLibrary, m.Step)));
        Assert.Equal(File.ReadAllBytes(Path.Combine(straight, ModelFolder.ModelFile)), File.ReadAllBytes(Path.Combine(dir, ModelFolder.ModelFile)));

        // the loaded model folder is self-contained: the prior comes from config.json
        using var loaded = ModelFolder.Load(dir, CPU);
        Assert.True(loaded.Model.HasLatentLibrary);
        Assert.Equal(config.Model.LatentLibrary!.LogMean, loaded.Config.Model.LatentLibrary!.LogMean);
    }

    [Fact]
    public void Without_The_Flag_The_Model_Folder_Has_No_Library_Fields()
    {
        string dir = tmp.File("observed");
        using (var t = Trainer.Start(Config(1) with { Model = Config(1).Model with { LatentLibrary = null } }, dir, CPU)) t.Run();
        Assert.DoesNotContain("library", File.ReadAllText(Path.Combine(dir, ModelFolder.ConfigFile)));
        Assert.DoesNotContain("library", File.ReadAllText(Path.Combine(dir, ModelFolder.MetricsFile)));
        Assert.Equal(4, ModelFolder.ReadState(dir).EpochSums.Length);
        using var loaded = ModelFolder.Load(dir, CPU);
        Assert.False(loaded.Model.HasLatentLibrary);
    }

    [Fact]
    public void Training_NB_With_A_Latent_Library_On_Simulated_Cells_Lowers_The_Loss_And_Sc_Evaluate_Works()
    {
        string cells = tmp.File("cells");
        var r = CliRunner.Run("sc", "simulate", "--cells", "500", "--genes", "200", "--seed", "1", "--out", cells);
        Assert.True(r.ExitCode == 0, r.Error + r.Out);
        string dir = tmp.File("nb-latent");
        r = CliRunner.Run("train", "--data", "10x:" + cells, "--metadata", Path.Combine(cells, "metadata.csv"), "--likelihood", "nb", "--latent-library",
            "--hidden", "32", "--latent", "5", "--epochs", "6", "--batch-size", "64", "--out", dir);
        Assert.True(r.ExitCode == 0, r.Error + r.Out);
        var metrics = ModelFolder.ReadMetrics(dir);
        Assert.True(metrics[^1].TrainLoss < metrics[0].TrainLoss - 1, $"loss {metrics[0].TrainLoss:F2} -> {metrics[^1].TrainLoss:F2}");

        r = CliRunner.Run("sc", "evaluate", dir, "--k", "20", "--json");
        Assert.True(r.ExitCode == 0, r.Error + r.Out);
        using var doc = JsonDocument.Parse(r.Out);
        var vae = doc.RootElement.GetProperty("vae");
        double kl = vae.GetProperty("heldout_kl_library").GetDouble();
        Assert.True(kl > 0 && double.IsFinite(kl), $"held-out library KL {kl}");
        Assert.True(vae.GetProperty("heldout_loglik").GetDouble() >= vae.GetProperty("heldout_elbo").GetDouble(), r.Out);
        Assert.InRange(vae.GetProperty("ari").GetDouble(), -1, 1);
        var e = CliRunner.Run("eval", dir, "--k", "20", "--json");      // the same estimators as `vae eval`
        Assert.True(e.ExitCode == 0, e.Error + e.Out);
        using var ev = JsonDocument.Parse(e.Out);
        Assert.Equal(-ev.RootElement.GetProperty("nll").GetDouble(), vae.GetProperty("heldout_loglik").GetDouble(), 6);
        Assert.Equal(ev.RootElement.GetProperty("kl_library").GetDouble(), kl, 6);

        r = CliRunner.Run("sc", "evaluate", dir, "--k", "2");
        Assert.True(r.ExitCode == 0, r.Error + r.Out);
        Assert.Contains("KL(q(l|x)", r.Out);
        r = CliRunner.Run("sc", "export", dir, "--out", tmp.File("export"));
        Assert.True(r.ExitCode == 0, r.Error + r.Out);
        Assert.True(File.Exists(Path.Combine(tmp.File("export"), "corrected.csv.gz")));
    }

    [Theory]
    [InlineData("gaussian", "mlp", "count likelihood")]
    [InlineData("bernoulli", "mlp", "count likelihood")]
    [InlineData("nb", "ae", "needs a VAE")]
    public void The_Flag_Needs_A_Count_Likelihood_And_A_Vae(string likelihood, string model, string message)
    {
        var r = CliRunner.Run("train", "--data", "10x:" + sim, "--likelihood", likelihood, "--model", model, "--latent-library",
            "--epochs", "1", "--out", tmp.File("bad-" + likelihood + model));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--latent-library", r.Error + r.Out);
        Assert.Contains(message, r.Error + r.Out);
        Assert.False(File.Exists(Path.Combine(tmp.File("bad-" + likelihood + model), ModelFolder.ConfigFile)));
    }
}
