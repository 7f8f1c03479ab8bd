using System.Text.Json;
using Vae.Data;
using Vae.Distributions;
using Vae.Models;
using Vae.Runs;
using Vae.Samplers;
using Vae.Tests.Cli;
using Vae.Training;
using static TorchSharp.torch;

namespace Vae.Tests.Models;

public class VqVaeTrainingTests
{
    static RunConfig Config(string mnist, int epochs) => new()
    {
        Model = ModelOptions.MnistMlp with
        {
            Network = new MlpNetwork { Hidden = [32] },
            Posterior = PosteriorKind.PointMass,
            Latent = 8,
            PosteriorExtension = new VectorQuantizerOptions { Codes = 16, CodeSize = 2, Grid = 2 },
        },
        Data = new DataOptions { Source = "mnist:" + mnist, ValidationSize = 64 },
        Training = TrainingOptions.Default with { Epochs = epochs, BatchSize = 32, Seed = 3 },
    };

    static TrainingResult Train(RunConfig config, string dir, ITrainingObserver? observer = null, CancellationToken cancel = default)
    {
        using var t = Trainer.Start(config, dir, CPU, overwrite: true);
        return t.Run(observer, cancel);
    }

    [Fact]
    public void A_Resumed_Vq_Vae_Run_Ends_With_The_Same_Bytes_As_An_Uninterrupted_One()
    {
        using var tmp = new TempDir();
        string mnist = Fixtures.MnistFolder(tmp.Path, train: 192);
        var straight = Train(Config(mnist, 3), tmp.File("straight"));
        string dir = tmp.File("resumed");
        using (var cancel = new CancellationTokenSource())
            Assert.Equal(TrainingOutcome.Interrupted, Train(Config(mnist, 3), dir, new StopAt(2, 2, cancel), cancel.Token).Outcome);
        TrainingResult resumed;
        using (var t = Trainer.Resume(dir, CPU)) resumed = t.Run();
        Assert.Equal(straight.Metrics.Select(m => (m.TrainLoss, m.ValElbo)), resumed.Metrics.Select(m => (m.TrainLoss, m.ValElbo)));
        foreach (var file in new[] { ModelFolder.ModelFile, ModelFolder.OptimizerFile })
            Assert.Equal(File.ReadAllBytes(Path.Combine(tmp.File("straight"), file)), File.ReadAllBytes(Path.Combine(dir, file)));
        // The loss includes the codebook and commitment terms, which the reported reconstruction does not.
        Assert.All(straight.Metrics, m => Assert.True(m.TrainLoss > m.TrainReconstruction, $"loss {m.TrainLoss}, reconstruction {m.TrainReconstruction}"));
    }

    [Fact]
    public void A_Vq_Vae_Trains_Evaluates_Diagnoses_And_Samples_From_The_Command_Line()
    {
        using var tmp = new TempDir();
        string mnist = Fixtures.MnistFolder(tmp.Path, train: 256, test: 40);
        string model = tmp.File("vq");
        var r = CliRunner.Run("train", "--data", "mnist:" + mnist, "--model", "ae", "--vq-codes", "16", "--vq-dim", "2", "--vq-grid", "2",
            "--hidden", "32", "--epochs", "4", "--val-size", "32", "--batch-size", "32", "--out", model);
        Assert.True(r.ExitCode == 0, r.Error + r.Out);
        var metrics = ModelFolder.ReadMetrics(model);
        Assert.True(metrics[^1].TrainLoss < metrics[0].TrainLoss, string.Join("; ", metrics.Select(m => $"loss {m.TrainLoss:F2}, rec {m.TrainReconstruction:F2}")));
        Assert.Equal(8, ModelFolder.ReadConfig(model).Model.Latent);

        r = CliRunner.Run("eval", model, "--k", "5");
        Assert.True(r.ExitCode == 0, r.Error);
        Assert.Contains("none: an autoencoder has no density", r.Out);

        r = CliRunner.Run("diagnose", model, "--plot", tmp.File("h.png"));
        Assert.True(r.ExitCode == 0, r.Error);
        Assert.Contains("a VQ-VAE: 16 codes on a 2×2 grid", r.Out);
        Assert.Contains("perplexity", r.Out);
        var json = JsonDocument.Parse(CliRunner.Run("diagnose", model, "--plot", tmp.File("h.png"), "--json").Out).RootElement;
        Assert.Equal(["kl_per_dim", "kl_total", "active_units_kl", "active_units_cov", "mutual_information", "verdict", "codes", "used_codes", "perplexity", "position_entropy", "distinct_grids"],
            json.EnumerateObject().Select(p => p.Name));
        Assert.Equal(4 * Math.Log(16), json.GetProperty("kl_total").GetDouble(), 9);

        r = CliRunner.Run("sample", model, "--sampler", "pixelcnn", "--n", "8", "--out", tmp.File("s.png"));
        Assert.True(r.ExitCode == 0, r.Error + r.Out);
        Assert.Contains("pixelcnn prior: epoch 10/10", r.Error);
        Assert.True(File.Exists(tmp.File("s.png")) && File.Exists(Path.Combine(model, PixelCnnSampler.WeightsFile)));
        r = CliRunner.Run("sample", model, "--sampler", "pixelcnn", "--n", "8", "--draw", "--out", tmp.File("d.csv"));
        Assert.True(r.ExitCode == 0, r.Error + r.Out);
        Assert.DoesNotContain("epoch", r.Error);   // loaded from the folder, not fitted again
        Assert.Equal(9, File.ReadAllLines(tmp.File("d.csv")).Length);
    }

    [Fact]
    public void The_Pixelcnn_Sampler_Draws_Codebook_Vectors_And_Loads_As_It_Was_Saved()
    {
        using var tmp = new TempDir();
        string mnist = Fixtures.MnistFolder(tmp.Path, train: 128);
        Train(Config(mnist, 1), tmp.File("run"));
        using var loaded = ModelFolder.Load(tmp.File("run"), CPU);
        var train = DataSources.Load(loaded.Config.Data).Train;
        using var fitted = PixelCnnSampler.Fit(new SamplerFit(loaded.Model, train, tmp.File("run"), CPU, 4), new PixelCnnPriorOptions { Features = 8, Layers = 1, Epochs = 2 });
        using var reloaded = LatentSamplers.Find("pixelcnn").Load(loaded.Model, tmp.File("run"), CPU)!;
        using var scope = NewDisposeScope();
        using var g1 = new Generator(9);
        using var g2 = new Generator(9);
        var z = fitted.Sample(20, CPU, g1);
        Assert.True(z.equal(reloaded.Sample(20, CPU, g2)).all().item<bool>(), "the loaded prior draws what the fitted one draws");
        var codebook = ((VectorQuantizer)loaded.Model.Extension!).Codebook;
        foreach (var row in z.view(-1, 2).split(1))
            Assert.True(codebook.eq(row).all(dim: 1).any().item<bool>(), "every drawn vector is a codebook entry");
    }

    [Theory]
    [InlineData("--vq-codes 1", "--vq-codes 1: the codebook needs at least 2 entries.")]
    [InlineData("--vq-codes 8 --vq-grid 0", "--vq-grid 0: the code grid must be at least 1×1.")]
    [InlineData("--vq-codes 8 --vq-beta -1", "--vq-beta -1: β must be a finite number ≥ 0.")]
    [InlineData("--vq-dim 4", "--vq-dim, --vq-grid and --vq-beta: are options of a VQ-VAE; give --vq-codes K too.")]
    [InlineData("--vq-codes 8 --model mlp", "--vq-codes: a VQ-VAE quantizes an autoencoder's code; use --model ae or conv-ae, not mlp.")]
    [InlineData("--vq-codes 8 --latent 5", "--latent 5: a VQ-VAE's latent size is --vq-grid² × --vq-dim = 128; leave --latent out.")]
    public void Bad_Vq_Options_Are_Rejected_Naming_The_Option(string options, string message)
    {
        using var tmp = new TempDir();
        string[] args = ["train", "--model", "ae", .. options.Split(' '), "--out", tmp.File("m")];
        var r = CliRunner.Run(args);
        Assert.NotEqual(0, r.ExitCode);
        Assert.Contains(message, r.Error);
    }

    [Fact]
    public void The_Pixelcnn_Sampler_Refuses_A_Model_Without_A_Quantizer()
    {
        using var model = new VaeModel(TestModels.SmallMlp(), 1);
        var e = Assert.Throws<VaeException>(() => PixelCnnSampler.Fit(new SamplerFit(model, Fixtures.Uniform(4, DataShape.Vector(16)), ".", CPU, 1), PixelCnnPriorOptions.Default));
        Assert.Contains("--vq-codes", e.Message);
    }

    sealed class StopAt(int epoch, int batch, CancellationTokenSource cancel) : ITrainingObserver
    {
        public void OnStart(TrainingStart start) { }
        public void OnBatch(BatchProgress p) { if (p.Epoch == epoch && p.Batch == batch) cancel.Cancel(); }
        public void OnEpoch(EpochMetrics m, bool isBest) { }
        public void OnMessage(string message) { }
    }
}
