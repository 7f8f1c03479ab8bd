using System.Text.Json;
using Vae.Data;
using Vae.IO;
using Vae.Models;
using Vae.Objectives;
using Vae.Runs;
using Vae.Training;
using static TorchSharp.torch;

namespace Vae.Tests.Objectives;

public class DisentanglingTrainingTests
{
    static RunConfig Config(string mnist, ObjectiveKind kind, int epochs = 1, double lr = 1e-3) => new()
    {
        Model = ModelOptions.MnistMlp with { Network = new MlpNetwork { Hidden = [32] }, Latent = 4 },
        Data = new DataOptions { Source = "mnist:" + mnist, ValidationSize = 64 },
        Objective = ObjectiveOptions.Elbo with
        {
            Disentangling = kind == ObjectiveKind.Elbo ? null
                : new DisentanglingOptions { Kind = kind, CapacityLength = 1, TcWeight = 5, DiscriminatorHidden = 16, DiscriminatorLayers = 2, DiscriminatorLearningRate = 1e-3 },
        },
        Training = TrainingOptions.Default with { Epochs = epochs, BatchSize = 32, Seed = 3, LearningRate = lr },
    };

    static TrainingResult Train(RunConfig config, string dir, ITrainingObserver? observer = null, CancellationToken cancel = default)
    {
        using var t = Trainer.Start(config, dir, CPU, overwrite: true);
        return t.Run(observer, cancel);
    }

    [Fact]
    public void Changing_The_Objective_Leaves_The_Reported_Elbo_Reconstruction_And_Kl_Unchanged()
    {
        using var tmp = new TempDir();
        string mnist = Fixtures.MnistFolder(tmp.Path, train: 192);
        // A learning rate far below float resolution: the weights do not move, so every objective sees the same model.
        var elbo = Train(Config(mnist, ObjectiveKind.Elbo, lr: 1e-14), tmp.File("elbo")).Metrics[0];
        Close(-elbo.TrainElbo, elbo.TrainLoss);
        Assert.Null(elbo.TrainTerms);
        foreach (var kind in Enum.GetValues<ObjectiveKind>().Where(k => k != ObjectiveKind.Elbo))
        {
            var m = Train(Config(mnist, kind, lr: 1e-14), tmp.File(kind.ToString())).Metrics[0];
            Assert.Equal(elbo.ValElbo!.Value, m.ValElbo!.Value, 6);
            Assert.Equal(elbo.ValKl!.Value, m.ValKl!.Value, 6);
            if (kind != ObjectiveKind.FactorVae)   // FactorVAE draws its permutations from the same generator as ε, so later batches' ε differ
            {
                Assert.Equal(elbo.TrainElbo, m.TrainElbo, 6);
                Assert.Equal(elbo.TrainReconstruction, m.TrainReconstruction, 6);
                Assert.Equal(elbo.TrainKl, m.TrainKl, 6);
            }
            Assert.Equal(m.TrainElbo, -m.TrainReconstruction - m.TrainKl, 6);
            Assert.NotNull(m.TrainTerms);
            Assert.True(Math.Abs(m.TrainLoss + m.TrainElbo) > 1e-3, $"{kind}: the loss {m.TrainLoss} should differ from −ELBO {-m.TrainElbo}");
        }
    }

    [Fact]
    public void Beta_Tcvae_With_Tc_Weight_One_Minimises_The_Elbo_In_Expectation()
    {
        using var tmp = new TempDir();
        string mnist = Fixtures.MnistFolder(tmp.Path, train: 192);
        var config = Config(mnist, ObjectiveKind.BetaTcvae, lr: 1e-14);
        config = config with { Objective = config.Objective with { Disentangling = config.Objective.Disentangling! with { TcWeight = 1 } } };
        var m = Train(config, tmp.File("run")).Metrics[0];
        // loss = reconstruction + one-sample KL (MI + TC + dim-KL), the closed-form KL's unbiased estimate
        Close(m.TrainReconstruction + m.TrainTerms!["mi"] + m.TrainTerms["tc"] + m.TrainTerms["dim_kl"], m.TrainLoss);
        Assert.True(Math.Abs(m.TrainLoss + m.TrainElbo) < 0.5, $"loss {m.TrainLoss}, −ELBO {-m.TrainElbo}, KL {m.TrainKl}");
    }

    [Fact]
    public void A_Resumed_Factor_Vae_Run_Continues_Exactly_With_Its_Discriminator()
    {
        using var tmp = new TempDir();
        string mnist = Fixtures.MnistFolder(tmp.Path, train: 192);
        var straight = Train(Config(mnist, ObjectiveKind.FactorVae, epochs: 2), tmp.File("straight"));
        string dir = tmp.File("resumed");
        using (var cancel = new CancellationTokenSource())
            Assert.Equal(TrainingOutcome.Interrupted, Train(Config(mnist, ObjectiveKind.FactorVae, epochs: 2), dir, new StopAt(2, 2, cancel), cancel.Token).Outcome);
        TrainingResult resumed;
        using (var t = Trainer.Resume(dir, CPU)) resumed = t.Run();
        Assert.Equal(straight.Metrics.Select(m => (m.TrainLoss, m.ValElbo, m.TrainTerms!["tc"])), resumed.Metrics.Select(m => (m.TrainLoss, m.ValElbo, m.TrainTerms!["tc"])));
        foreach (var file in new[] { ModelFolder.ModelFile, ModelFolder.AuxiliaryFile, ModelFolder.AuxiliaryOptimizerFile })
            Assert.Equal(File.ReadAllBytes(Path.Combine(tmp.File("straight"), file)), File.ReadAllBytes(Path.Combine(dir, file)));
        Assert.NotEqual(0, straight.Metrics[^1].TrainTerms!["tc"]);
    }

    [Fact]
    public void A_Damaged_Discriminator_File_Is_Reported_On_Resume()
    {
        using var tmp = new TempDir();
        string mnist = Fixtures.MnistFolder(tmp.Path, train: 128);
        string dir = tmp.File("run");
        Train(Config(mnist, ObjectiveKind.FactorVae), dir);
        File.WriteAllBytes(Path.Combine(dir, ModelFolder.AuxiliaryFile), [1, 2, 3]);
        var e = Assert.Throws<VaeException>(() => Trainer.Resume(dir, CPU, epochs: 2));
        Assert.Contains(ModelFolder.AuxiliaryFile, e.Message);
    }

    [Fact]
    public void The_Objective_Survives_A_Config_Round_Trip_And_Old_Configs_Read_As_The_Elbo()
    {
        using var tmp = new TempDir();
        var options = new ObjectiveOptions
        {
            Disentangling = new DisentanglingOptions { Kind = ObjectiveKind.DipVaeII, DipOffDiagonal = 3, DipDiagonal = 7, CapacityUnit = ScheduleUnit.Steps, DiscriminatorLayers = 5 },
        };
        string path = tmp.File("config.json");
        File.WriteAllText(path, JsonSerializer.Serialize(new RunConfig { Objective = options }, Json.Strict));
        Assert.Contains("\"kind\": \"dip-vae-ii\"", File.ReadAllText(path));
        Assert.Equal(options, Json.ReadComplete<RunConfig>(path).Objective);

        File.WriteAllText(path, JsonSerializer.Serialize(new RunConfig(), Json.Strict));
        Assert.DoesNotContain("disentangling", File.ReadAllText(path));   // an ELBO run's config.json is as before
        Assert.Equal(ObjectiveKind.Elbo, Json.ReadComplete<RunConfig>(path).Objective.Kind);
    }

    [Fact]
    public void Bad_Objective_Settings_Are_Rejected_With_A_Clear_Message()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new DisentanglingOptions { CapacityGamma = -1 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new DisentanglingOptions { TcWeight = double.NaN });
        Assert.Throws<ArgumentOutOfRangeException>(() => new DisentanglingOptions { DiscriminatorLayers = 0 });
        var model = TestModels.SmallMlp();
        var capacity = ObjectiveOptions.Elbo with { Beta = 4, Disentangling = new DisentanglingOptions { Kind = ObjectiveKind.Capacity } };
        Assert.Contains("leave --beta at 1", Assert.Throws<VaeException>(() => Objective.Create(capacity, model, 100, 1)).Message);
        var tcvae = ObjectiveOptions.Elbo with { Disentangling = new DisentanglingOptions { Kind = ObjectiveKind.BetaTcvae } };
        Assert.Contains("diagonal", Assert.Throws<VaeException>(() => Objective.Create(tcvae, model with { Posterior = Vae.Distributions.PosteriorKind.FullCovariance }, 100, 1)).Message);
        Assert.Contains("autoencoder", Assert.Throws<VaeException>(() => Objective.Create(tcvae, model with { Posterior = Vae.Distributions.PosteriorKind.PointMass }, 100, 1)).Message);
    }

    // Equal up to float32 rounding of the loss (summed in double over the epoch).
    static void Close(double expected, double actual) =>
        Assert.True(Math.Abs(expected - actual) <= 1e-5 * Math.Max(1, Math.Abs(expected)), $"expected {expected}, got {actual}");

    sealed class StopAt(int epoch, int batch, CancellationTokenSource cancel) : ITrainingObserver
    {
        public void OnStart(TrainingStart start) { }
        public void OnBatch(BatchProgress p) { if (p.Epoch == epoch && p.Batch == batch) cancel.Cancel(); }
        public void OnEpoch(EpochMetrics m, bool isBest) { }
        public void OnMessage(string message) { }
    }
}
