using Vae.Data;
using Vae.Evaluation;
using Vae.Models;
using Vae.Runs;
using static TorchSharp.torch;

namespace Vae.Tests.Cli;

/// <summary>`--split` means one thing in every verb: the split as the model is evaluated on it.</summary>
public class SplitOptionTests(TrainedModelFixture fixture) : IClassFixture<TrainedModelFixture>, IDisposable
{
    private readonly TempDir tmp = new();

    public void Dispose() => tmp.Dispose();

    [Fact]
    public void Given_A_Binarizing_Run_When_The_Train_Split_Is_Loaded_Then_It_Is_Binarized_Once_With_A_Fixed_Seed()
    {
        var config = ModelFolder.ReadConfig(fixture.Model);
        Assert.NotEqual(BinarizeMode.None, config.Data.Binarize);
        var train = EvaluationSplits.Load(config, EvaluationSplit.Train, 20);
        Assert.Equal(20, train.Count);
        Assert.All(train.Features, v => Assert.True(v is 0f or 1f));
        Assert.Equal(train.Features, EvaluationSplits.Load(config, EvaluationSplit.Train, 20).Features);
        Assert.Equal(EvaluationData.LoadTest(config, 5).Features, EvaluationSplits.Load(config, EvaluationSplit.Test, 5).Features);
    }

    [Fact]
    public void Given_Split_Train_When_Encoding_Then_The_Latents_Are_Those_Of_The_Prepared_Split()
    {
        var r = CliRunner.Run("encode", fixture.Model, "--split", "train", "--n", "6", "--out", tmp.File("z.csv"));
        Assert.True(r.ExitCode == 0, r.Error);
        using var loaded = ModelFolder.Load(fixture.Model, CPU);
        var data = EvaluationSplits.Load(loaded.Config, EvaluationSplit.Train, 6);
        var (mean, std) = Generation.Encode(loaded.Model, data, CPU);
        Assert.Equal(Vae.Reporting.LatentTable.ToCsv(mean, std, loaded.Model.Latent, data.Labels), File.ReadAllText(tmp.File("z.csv")));
    }

    [Theory]
    [InlineData("encode", "--out", "z.csv")]
    [InlineData("diagnose", "--plot", "kl.png")]
    public void Given_An_Unknown_Split_Then_Every_Verb_Says_So_In_The_Same_Words(string verb, string option, string file)
    {
        var r = CliRunner.Run(verb, fixture.Model, "--split", "validation", option, tmp.File(file));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--split: unknown split 'validation'; use test or train.", r.Error);
    }
}
