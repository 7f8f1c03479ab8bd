using System.Text.Json;
using Vae.Data;
using Vae.IO;
using Vae.Models;
using Vae.Objectives;
using Vae.Runs;
using Vae.Training;
using static TorchSharp.torch;

namespace Vae.Tests.Objectives.ImportanceWeightedBounds;

/// <summary>Training on the importance-weighted bounds through the library: the bound on a trained model, exact resumes, the config.</summary>
public class ImportanceWeightedTrainingTests
{
    static RunConfig Config(string mnist, ImportanceWeightedOptions bound, int epochs = 1) => new()
    {
        Model = ModelOptions.MnistMlp with { Network = new MlpNetwork { Hidden = [32] }, Latent = 4 },
        Data = new DataOptions { Source = "mnist:" + mnist, ValidationSize = 64 },
        Objective = new ObjectiveOptions { Family = bound },
        Training = TrainingOptions.Default with { Epochs = epochs, BatchSize = 32, Seed = 3 },
    };

    static TrainingResult Train(RunConfig config, string dir, ITrainingObserver? observer = null, CancellationToken cancel = default)
    {
        using var t = Trainer.Start(config, dir, CPU, overwrite: true);
        return t.Run(observer, cancel);
    }

    [Fact]
    public void The_Bound_Rises_With_K_In_Expectation_On_A_Trained_Model()
    {
        using var tmp = new TempDir();
        string mnist = Fixtures.MnistFolder(tmp.Path, train: 320);
        var result = Train(Config(mnist, new IwaeOptions { Samples = 5 }, epochs: 3), tmp.File("run"));
        Assert.True(result.Metrics[^1].TrainTerms!["iw_bound"] > result.Metrics[0].TrainTerms!["iw_bound"], "training raises the bound");
        using var loaded = ModelFolder.Load(tmp.File("run"), CPU);
        using var scope = NewDisposeScope();
        var x = DataSources.Load(loaded.Config.Data).Test.Binarized(1).ToTensor(CPU).narrow(0, 0, 64);
        using var eval = EvaluationMode.Enter(loaded.Model);
        using var g = new Generator(9);
        // The mean over 20 draws of 64 examples: far below the gaps between these K on this model.
        double Bound(int k)
        {
            var objective = Objective.Create(new ObjectiveOptions { Family = new IwaeOptions { Samples = k } }, loaded.Config.Model, 64, 1);
            return Enumerable.Range(0, 20).Average(_ => objective.Step(loaded.Model, x, g, default).Value.Terms[0].item<float>());
        }
        double l1 = Bound(1), l5 = Bound(5), l50 = Bound(50);
        double elbo = Enumerable.Range(0, 20).Average(_ => loaded.Model.Terms(x, g).Elbo.mean().item<float>());
        Assert.True(Math.Abs(l1 - elbo) < 1, $"L_1 {l1} should equal the ELBO {elbo} in expectation");
        Assert.True(l5 > l1 + 0.1 && l50 > l5 + 0.1, $"L_1 {l1}, L_5 {l5}, L_50 {l50} should rise");
    }

    [Theory]
    [InlineData("iwae")]
    [InlineData("piwae")]
    public void A_Resumed_Run_Continues_Exactly(string kind)
    {
        using var tmp = new TempDir();
        string mnist = Fixtures.MnistFolder(tmp.Path, train: 192);
        ImportanceWeightedOptions bound = kind == "iwae" ? new IwaeOptions { Samples = 3 } : new PiwaeOptions { Samples = 2, Groups = 2 };
        var straight = Train(Config(mnist, bound, epochs: 2), tmp.File("straight"));
        string dir = tmp.File("resumed");
        using (var cancel = new CancellationTokenSource())
            Assert.Equal(TrainingOutcome.Interrupted, Train(Config(mnist, bound, epochs: 2), dir, new StopAt(2, 2, cancel), cancel.Token).Outcome);
        TrainingResult resumed;
        using (var t = Trainer.Resume(dir, CPU)) resumed = t.Run();
        Assert.Equal(straight.Metrics.Select(m => (m.TrainLoss, m.ValElbo, m.TrainTerms!["iw_bound"])), resumed.Metrics.Select(m => (m.TrainLoss, m.ValElbo, m.TrainTerms!["iw_bound"])));
        foreach (var file in new[] { ModelFolder.ModelFile, ModelFolder.OptimizerFile })
            Assert.Equal(File.ReadAllBytes(Path.Combine(tmp.File("straight"), file)), File.ReadAllBytes(Path.Combine(dir, file)));
    }

    [Fact]
    public void Each_Bound_Survives_A_Config_Round_Trip()
    {
        using var tmp = new TempDir();
        string path = tmp.File("config.json");
        foreach (var bound in new ImportanceWeightedOptions[]
            { new IwaeOptions { Samples = 50 }, new MiwaeOptions { Samples = 8, Groups = 3 }, new CiwaeOptions { Samples = 7, Beta = 0.3 }, new PiwaeOptions { Samples = 2, Groups = 5 } })
        {
            var options = new ObjectiveOptions { Family = bound };
            File.WriteAllText(path, JsonSerializer.Serialize(new RunConfig { Objective = options }, Json.Strict));
            Assert.Contains($"\"kind\": \"{bound.Name}\"", File.ReadAllText(path));
            Assert.Equal(options, Json.ReadComplete<RunConfig>(path).Objective);
        }
        File.WriteAllText(path, JsonSerializer.Serialize(new RunConfig(), Json.Strict));
        Assert.DoesNotContain("family", File.ReadAllText(path));   // an ELBO run's config.json is as before
    }

    [Fact]
    public void Bad_Settings_Are_Rejected_With_A_Message_Naming_The_Option()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new IwaeOptions { Samples = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new PiwaeOptions { Groups = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new CiwaeOptions { Beta = 1.5 });
        var model = TestModels.SmallMlp();
        VaeException Fails(ObjectiveOptions o, ModelOptions m) => Assert.Throws<VaeException>(() => Objective.Create(o, m, 100, 1));
        var iwae = new ObjectiveOptions { Family = new IwaeOptions() };
        Assert.Contains("autoencoder", Fails(iwae, model with { Posterior = Vae.Distributions.PosteriorKind.PointMass }).Message);
        Assert.Contains("leave --beta at 1", Fails(iwae with { Beta = 2 }, model).Message);
        Assert.Contains("--free-bits", Fails(iwae with { FreeBits = 1 }, model).Message);
        Assert.Contains("cannot be combined", Fails(iwae with { Disentangling = new DisentanglingOptions() }, model).Message);
    }

    sealed class StopAt(int epoch, int batch, CancellationTokenSource cancel) : ITrainingObserver
    {
        public void OnStart(TrainingStart start) { }
        public void OnBatch(BatchProgress p) { if (p.Epoch == epoch && p.Batch == batch) cancel.Cancel(); }
        public void OnEpoch(EpochMetrics m, bool isBest) { }
        public void OnMessage(string message) { }
    }
}
