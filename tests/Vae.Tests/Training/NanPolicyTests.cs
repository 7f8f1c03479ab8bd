using Vae.Data;
using Vae.Distributions;
using Vae.Models;
using Vae.Runs;
using Vae.Training;
using static TorchSharp.torch;

namespace Vae.Tests.Training;

public class NanPolicyTests : IDisposable
{
    private readonly TempDir tmp = new();
    private readonly RunConfig config;
    private readonly DataSplits clean;
    private readonly DataSplits poisoned;

    public NanPolicyTests()
    {
        string mnist = Fixtures.MnistFolder(tmp.Path, train: 320, test: 32);
        config = new RunConfig
        {
            Model = ModelOptions.MnistMlp with { Network = new MlpNetwork { Hidden = [32] }, Latent = 4, Likelihood = LikelihoodKind.Gaussian },
            Data = new DataOptions { Source = "mnist:" + mnist, ValidationSize = 0 },
            Training = TrainingOptions.Default with { Epochs = 3, BatchSize = 32 },
        };
        clean = DataSources.Load(config.Data);
        var values = (float[])clean.Train.Features.Clone();
        values[200 * 784 + 7] = float.NaN;   // one bad pixel: one bad batch per epoch
        poisoned = clean with { Train = clean.Train.WithFeatures(values) };
    }

    public void Dispose() => tmp.Dispose();

    sealed class Messages : ITrainingObserver
    {
        public List<string> All { get; } = [];
        public void OnMessage(string message) => All.Add(message);
    }

    [Fact]
    public void Skip_Drops_The_Bad_Step_Counts_It_And_Keeps_The_Weights_Finite()
    {
        var messages = new Messages();
        using var t = Trainer.Start(config with { Training = config.Training with { OnNan = NanPolicy.Skip } }, tmp.File("skip"), CPU, data: poisoned);
        var result = t.Run(messages);
        Assert.Equal(TrainingOutcome.Finished, result.Outcome);
        Assert.Equal(3, result.State.SkippedSteps);
        Assert.Equal([1L, 2L, 3L], result.Metrics.Select(m => m.SkippedSteps));
        Assert.Contains(messages.All, m => m.StartsWith("Skipped a step: the reconstruction term log p(x|z) became NaN"));
        Assert.All(t.Model.parameters(), p => Assert.True(isfinite(p).all().item<bool>()));
    }

    [Fact]
    public void Rollback_Restores_The_Checkpoint_Halves_The_Learning_Rate_And_Gives_Up_After_The_Limit()
    {
        var messages = new Messages();
        var options = config with { Training = config.Training with { OnNan = NanPolicy.Rollback, MaxRollbacks = 2 } };
        using var t = Trainer.Start(options, tmp.File("rollback"), CPU, data: poisoned);
        var e = Assert.Throws<TrainingDivergedException>(() => t.Run(messages));
        Assert.Contains("after 2 rollbacks", e.Message);
        var rolled = messages.All.Where(m => m.Contains("rolled back")).ToList();
        Assert.Equal(2, rolled.Count);
        Assert.Contains("halved the learning rate to 0.0005", rolled[0]);
        Assert.Contains("halved the learning rate to 0.00025", rolled[1]);
    }

    [Fact]
    public void Stop_Names_The_Term_The_Batch_And_The_Last_Finite_Values()
    {
        using var t = Trainer.Start(config, tmp.File("stop"), CPU, data: poisoned);
        var e = Assert.Throws<TrainingDivergedException>(() => t.Run());
        Assert.Matches(@"the reconstruction term log p\(x\|z\) became NaN at epoch 1, batch \d+ \(step \d+\)", e.Message);
        Assert.Contains("no checkpoint had been written yet", e.Message);
        Assert.Contains("Last finite values", e.Message);
    }

    [Fact]
    public void Flat_Adam_Names_A_Parameter_With_A_Nan_Gradient_And_Clips_The_Norm()
    {
        using var model = new VaeModel(TestModels.SmallMlp(), seed: 1);
        var named = model.named_parameters().ToList();
        using var adam = new FlatAdam(named, 1e-3);
        foreach (var (_, p) in named) p.grad!.fill_(1f);
        double total = Math.Sqrt(named.Sum(p => (double)p.parameter.numel()));
        var (norm, bad) = adam.CheckGradients(clip: 1.0);
        Assert.Null(bad);
        Assert.Equal(total, norm, 3);
        double after = Math.Sqrt(named.Sum(p => p.parameter.grad!.square().sum().item<float>()));
        Assert.Equal(1.0, after, 3);
        named[3].parameter.grad![0] = float.NaN;
        var (_, culprit) = adam.CheckGradients(clip: null);
        Assert.Equal(named[3].name, culprit);
    }
}
