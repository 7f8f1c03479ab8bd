using Vae.Data;
using Vae.Models;
using Vae.Runs;
using Vae.Samplers;
using Vae.Samplers.Gmm;
using Vae.Samplers.TwoStage;
using Vae.Training;
using static TorchSharp.torch;

namespace Vae.Tests.Samplers;

/// <summary>The sampler registry, and the gmm and two-stage samplers fitted to a small trained model.</summary>
public class LatentSamplerTests : IDisposable
{
    private readonly TempDir tmp = new();
    private readonly string dir;
    private readonly Dataset train;

    public LatentSamplerTests()
    {
        string mnist = Fixtures.MnistFolder(tmp.Path, train: 1024, test: 16);
        dir = tmp.File("model");
        var config = new RunConfig
        {
            Model = ModelOptions.MnistMlp with { Network = new MlpNetwork { Hidden = [32] }, Latent = 3 },
            Data = new DataOptions { Source = "mnist:" + mnist, ValidationSize = 0 },
            Training = TrainingOptions.Default with { Epochs = 2, BatchSize = 64 },
        };
        using (var t = Trainer.Start(config, dir, CPU)) t.Run();
        train = DataSources.Load(ModelFolder.ReadConfig(dir).Data).Train;
    }

    public void Dispose() => tmp.Dispose();

    [Fact]
    public void An_Unknown_Sampler_Is_Refused_With_The_Names_Of_The_Known_Ones()
    {
        var e = Assert.Throws<VaeException>(() => LatentSamplers.Find("vamp"));
        Assert.Contains("--sampler vamp", e.Message);
        foreach (var name in new[] { "prior", "gmm", "two-stage" }) Assert.Contains(name, e.Message);
        Assert.Throws<InvalidOperationException>(() => LatentSamplers.Register(GmmSampler.Kind));
    }

    [Fact]
    public void A_Model_Folder_Without_A_Fitted_Sampler_Loads_None()
    {
        using var loaded = ModelFolder.Load(dir, CPU);
        Assert.Null(GmmSampler.Kind.Load(loaded.Model, dir, CPU));
        Assert.Null(TwoStageSampler.Kind.Load(loaded.Model, dir, CPU));
    }

    [Fact]
    public void A_Fitted_Gmm_Saved_And_Loaded_Draws_The_Same_Z_For_The_Same_Seed()
    {
        using var loaded = ModelFolder.Load(dir, CPU);
        using var fitted = (GmmSampler)GmmSampler.Kind.Fit(new SamplerFit(loaded.Model, train, dir, CPU, Seed: 4, Components: 3));
        Assert.True(File.Exists(Path.Combine(dir, GmmSampler.FileName)));
        Assert.Equal(3, fitted.File.Mixture.Components);
        Assert.Equal(train.Count, fitted.File.Examples);
        using var reloaded = GmmSampler.Kind.Load(loaded.Model, dir, CPU)!;
        using var g1 = new Generator(9);
        using var g2 = new Generator(9);
        using var a = fitted.Sample(50, CPU, g1);
        using var b = reloaded.Sample(50, CPU, g2);
        Assert.Equal(new long[] { 50, 3 }, a.shape);
        Assert.True(a.equal(b).all().item<bool>());
    }

    [Fact]
    public void A_Two_Stage_Sampler_Draws_Codes_With_The_Moments_Of_The_Aggregate_Posterior()
    {
        using var loaded = ModelFolder.Load(dir, CPU);
        var options = new TwoStageOptions { Hidden = [64, 64], Epochs = 40, BatchSize = 64 };
        using var fitted = TwoStageSampler.Fit(new SamplerFit(loaded.Model, train, dir, CPU, Seed: 2), options);
        using var reloaded = TwoStageSampler.Kind.Load(loaded.Model, dir, CPU)!;
        using var g = new Generator(1);
        using var z = reloaded.Sample(4000, CPU, g).to(ScalarType.Float64);
        Assert.Equal(new long[] { 4000, 3 }, z.shape);

        using var codes = PosteriorMeans.Of(new SamplerFit(loaded.Model, train, dir, CPU, 0));
        var (mean, std) = (codes.mean([0]).data<double>().ToArray(), codes.std(0).data<double>().ToArray());
        var (zMean, zStd) = (z.mean([0]).data<double>().ToArray(), z.std(0).data<double>().ToArray());
        string report = string.Join("; ", Enumerable.Range(0, 3).Select(j => $"dim {j}: mean {zMean[j]:F3} vs {mean[j]:F3}, sd {zStd[j]:F3} vs {std[j]:F3}"));
        for (int j = 0; j < 3; j++) Assert.True(Math.Abs(zMean[j] - mean[j]) < 0.25 * std[j], report);
        // The decoder's mean leaves out the second stage's own noise σ, so its draws are narrower than the codes
        // after a short training (a collapsed second stage, decoding every u to one point, gives a ratio near 0).
        Assert.All(Enumerable.Range(0, 3), j => Assert.True(zStd[j] / std[j] is > 0.3 and < 1.4, report));
        double ratio = zStd.Sum(v => v * v) / std.Sum(v => v * v);
        Assert.True(ratio is > 0.5 and < 1.3, $"total variance ratio {ratio:F3}; {report}");
    }
}
