using Vae.Data;
using Vae.Models;
using Vae.Runs;
using Vae.Training;
using static TorchSharp.torch;

namespace Vae.Tests.Training;

public class TrainingTests
{
    static RunConfig Config(string mnist, int epochs = 2, int seed = 1, int valSize = 64) => new()
    {
        Model = ModelOptions.MnistMlp with { Network = new MlpNetwork { Hidden = [64] }, Latent = 4 },
        Data = new DataOptions { Source = "mnist:" + mnist, ValidationSize = valSize },
        Training = TrainingOptions.Default with { Epochs = epochs, BatchSize = 32, Seed = seed },
    };

    static float[] Weights(nn.Module m) => m.parameters().SelectMany(p => p.detach().cpu().data<float>().ToArray()).ToArray();

    static TrainingResult Train(RunConfig config, string dir, ITrainingObserver? observer = null, CancellationToken cancel = default)
    {
        using var t = Trainer.Start(config, dir, CPU, overwrite: true);
        return t.Run(observer, cancel);
    }

    [Fact]
    public void A_Short_Training_Run_Lowers_The_Loss()
    {
        using var tmp = new TempDir();
        string mnist = Fixtures.MnistFolder(tmp.Path);
        var result = Train(Config(mnist, epochs: 3), tmp.File("run"));
        Assert.Equal(TrainingOutcome.Finished, result.Outcome);
        Assert.Equal(3, result.Metrics.Count);
        Assert.True(result.Metrics[^1].TrainLoss < result.Metrics[0].TrainLoss - 20, string.Join(", ", result.Metrics.Select(m => m.TrainLoss)));
        Assert.True(result.Metrics[^1].ValElbo > result.Metrics[0].ValElbo);
    }

    [Fact]
    public void The_Same_Seed_Gives_The_Same_Numbers_And_Another_Seed_Does_Not()
    {
        using var tmp = new TempDir();
        string mnist = Fixtures.MnistFolder(tmp.Path);
        var a = Train(Config(mnist, epochs: 1, seed: 5), tmp.File("a"));
        var b = Train(Config(mnist, epochs: 1, seed: 5), tmp.File("b"));
        var c = Train(Config(mnist, epochs: 1, seed: 6), tmp.File("c"));
        Assert.Equal(a.Metrics[0].TrainLoss, b.Metrics[0].TrainLoss);
        Assert.Equal(a.Metrics[0].ValElbo, b.Metrics[0].ValElbo);
        Assert.Equal(File.ReadAllBytes(tmp.File("a/model.dat")), File.ReadAllBytes(tmp.File("b/model.dat")));
        Assert.NotEqual(a.Metrics[0].TrainLoss, c.Metrics[0].TrainLoss);
    }

    [Theory]
    [InlineData(0)]   // interrupted at an epoch boundary
    [InlineData(5)]   // interrupted in the middle of the second epoch, after batch 5
    public void A_Resumed_Run_Continues_Exactly_As_An_Uninterrupted_One(int stopAfterBatch)
    {
        using var tmp = new TempDir();
        string mnist = Fixtures.MnistFolder(tmp.Path);
        var straight = Train(Config(mnist, epochs: 3), tmp.File("straight"));

        string dir = tmp.File("resumed");
        if (stopAfterBatch == 0)
        {
            Train(Config(mnist, epochs: 1), dir);
        }
        else
        {
            using var cancel = new CancellationTokenSource();
            var stopper = new StopAt(epoch: 2, batch: stopAfterBatch, cancel);
            var first = Train(Config(mnist, epochs: 3), dir, stopper, cancel.Token);
            Assert.Equal(TrainingOutcome.Interrupted, first.Outcome);
            Assert.Equal(stopAfterBatch, ModelFolder.ReadState(dir).BatchInEpoch);
        }
        TrainingResult resumed;
        using (var t = Trainer.Resume(dir, CPU, epochs: 3)) resumed = t.Run();

        Assert.Equal(TrainingOutcome.Finished, resumed.Outcome);
        Assert.Equal(straight.Metrics.Select(m => (m.TrainLoss, m.ValElbo, m.Step)), resumed.Metrics.Select(m => (m.TrainLoss, m.ValElbo, m.Step)));
        foreach (var file in new[] { ModelFolder.ModelFile, ModelFolder.OptimizerFile })
            Assert.Equal(File.ReadAllBytes(Path.Combine(tmp.File("straight"), file)), File.ReadAllBytes(Path.Combine(dir, file)));
    }

    [Fact]
    public void Save_Then_Load_Gives_Identical_Outputs()
    {
        using var tmp = new TempDir();
        string mnist = Fixtures.MnistFolder(tmp.Path);
        using var trainer = Trainer.Start(Config(mnist, epochs: 1, valSize: 0), tmp.File("run"), CPU);
        trainer.Run();
        using var loaded = ModelFolder.Load(tmp.File("run"), CPU);
        Assert.Equal(Weights(trainer.Model), Weights(loaded.Model));
        using var scope = NewDisposeScope();
        var x = Fixtures.Uniform(10, DataShape.Image(1, 28, 28)).ToTensor(CPU);
        trainer.Model.eval();
        using var noGrad = no_grad();
        Assert.True(trainer.Model.forward(x).equal(loaded.Model.forward(x)).all().item<bool>());
        Assert.Equal(trainer.Config, loaded.Config with { Model = loaded.Config.Model with { Network = trainer.Config.Model.Network } });
    }

    [Fact]
    public void Early_Stopping_Keeps_The_Best_Weights_In_Model_Dat()
    {
        using var tmp = new TempDir();
        string mnist = Fixtures.MnistFolder(tmp.Path, train: 256);
        // A large learning rate makes the validation ELBO stall or worsen quickly.
        var config = Config(mnist, epochs: 30) with { Training = TrainingOptions.Default with { Epochs = 30, BatchSize = 32, LearningRate = 0.02, EarlyStoppingPatience = 2 } };
        var result = Train(config, tmp.File("run"));
        Assert.Equal(TrainingOutcome.StoppedEarly, result.Outcome);
        var state = result.State;
        Assert.Equal(state.Epoch - 2, state.BestEpoch);
        Assert.Equal(result.Metrics.Max(m => m.ValElbo), state.BestValElbo);
        using var loaded = ModelFolder.Load(tmp.File("run"), CPU);
        var validation = Vae.Evaluation.EvaluationData.Validation(loaded.Config, DataSources.Load(loaded.Config.Data).Validation!);
        var val = Vae.Evaluation.ElboEstimator.Estimate(loaded.Model, validation, CPU, seed: Vae.Evaluation.EvaluationData.ValidationSeed(loaded.Config.Data));
        Assert.Equal(state.BestValElbo!.Value, val.Elbo, 3);
    }

    [Fact]
    public void A_NaN_Stops_Training_Naming_The_Term_And_Keeps_The_Last_Checkpoint()
    {
        using var tmp = new TempDir();
        string mnist = Fixtures.MnistFolder(tmp.Path);
        var config = Config(mnist, epochs: 1, valSize: 0) with { Model = ModelOptions.MnistMlp with { Network = new MlpNetwork { Hidden = [64] }, Latent = 4, Likelihood = Vae.Distributions.LikelihoodKind.Gaussian } };
        var data = DataSources.Load(config.Data);
        using (var t = Trainer.Start(config, tmp.File("run"), CPU, data: data)) t.Run();
        byte[] before = File.ReadAllBytes(tmp.File("run/model.dat"));

        var poisoned = (float[])data.Train.Features.Clone();
        poisoned[100 * 784 + 5] = float.NaN;
        var bad = data with { Train = new Dataset("poisoned", poisoned, data.Train.Shape, data.Train.Labels) };
        using var resumed = Trainer.Resume(tmp.File("run"), CPU, epochs: 2, data: bad);
        var e = Assert.Throws<TrainingDivergedException>(() => resumed.Run());
        Assert.Contains("reconstruction term", e.Message);
        Assert.Contains("epoch 2", e.Message);
        Assert.Contains("is intact", e.Message);
        Assert.Equal(before, File.ReadAllBytes(tmp.File("run/model.dat")));
        Assert.Equal(1, ModelFolder.ReadState(tmp.File("run")).Epoch);
    }

    sealed class StopAt(int epoch, int batch, CancellationTokenSource cancel) : ITrainingObserver
    {
        public void OnBatch(BatchProgress p)
        {
            if (p.Epoch == epoch && p.Batch == batch) cancel.Cancel();
        }
    }
}
