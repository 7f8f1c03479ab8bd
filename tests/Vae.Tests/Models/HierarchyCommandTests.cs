using System.Text.Json;
using Vae.Models;
using Vae.Runs;
using Vae.Tests.Cli;

namespace Vae.Tests.Models;

/// <summary>`vae train --prior vamp` and `--top-latent` from the command line: train, store, resume exactly, evaluate, sample, diagnose.</summary>
public class HierarchyCommandTests : IDisposable
{
    readonly TempDir tmp = new();

    public void Dispose() => tmp.Dispose();

    string Mnist() => "mnist:" + Fixtures.MnistFolder(tmp.File("mnist"), train: 256, test: 64);

    static string[] Tiny(string data, int epochs) =>
        ["train", "--data", data, "--hidden", "32", "--latent", "4", "--activation", "tanh", "--val-size", "64", "--batch-size", "64", "--epochs", epochs.ToString()];

    public static TheoryData<string[]> Models => new()
    {
        { ["--prior", "vamp:8"] },
        { ["--top-latent", "3", "--top-hidden", "8,6"] },
        { ["--top-latent", "3", "--top-hidden", "8", "--prior", "vamp:5"] },
    };

    [Theory]
    [MemberData(nameof(Models))]
    public void Trains_Stores_Its_Kind_Resumes_Exactly_And_Evaluates_Samples_And_Diagnoses(string[] options)
    {
        string data = Mnist(), straight = tmp.File("straight"), resumed = tmp.File("resumed");
        var r = CliRunner.Run([.. Tiny(data, 2), .. options, "--out", straight]);
        Assert.True(r.ExitCode == 0, r.Error + r.Out);
        r = CliRunner.Run([.. Tiny(data, 1), .. options, "--out", resumed]);
        Assert.True(r.ExitCode == 0, r.Error + r.Out);
        r = CliRunner.Run("train", "--resume", resumed, "--epochs", "2");
        Assert.True(r.ExitCode == 0, r.Error + r.Out);
        foreach (var file in new[] { ModelFolder.ModelFile, ModelFolder.OptimizerFile })
            Assert.Equal(File.ReadAllBytes(Path.Combine(straight, file)), File.ReadAllBytes(Path.Combine(resumed, file)));

        // config.json names the parts by kind and reads back to the same record (written again, the same text)
        string json = File.ReadAllText(Path.Combine(straight, ModelFolder.ConfigFile));
        var model = JsonDocument.Parse(json).RootElement.GetProperty("model");
        bool vamp = options.Contains("--prior"), hierarchical = options.Contains("--top-latent");
        Assert.Equal(vamp, model.TryGetProperty("prior", out var prior));
        if (vamp) Assert.Equal("vamp", prior.GetProperty("kind").GetString());
        Assert.Equal(hierarchical, model.TryGetProperty("posterior_extension", out var extension));
        if (hierarchical) Assert.Equal("hierarchical", extension.GetProperty("kind").GetString());
        var config = ModelFolder.ReadConfig(straight);
        Assert.Equal(json, JsonSerializer.Serialize(config, Vae.IO.Json.Strict));
        if (vamp) Assert.Equal(int.Parse(options[Array.IndexOf(options, "--prior") + 1][5..]), ((VampPriorOptions)config.Model.Prior!).Components);
        if (hierarchical) Assert.Equal(3, ((HierarchicalOptions)config.Model.PosteriorExtension!).TopLatent);
        using (var loaded = ModelFolder.Load(straight, TorchSharp.torch.CPU))
            Assert.Equal(hierarchical ? 7 : 4, loaded.Model.Latent);

        r = CliRunner.Run("eval", straight, "-k", "8", "-n", "16", "--json");
        Assert.True(r.ExitCode == 0, r.Error + r.Out);
        var eval = JsonDocument.Parse(r.Out).RootElement;
        double nll = eval.GetProperty("nll").GetDouble(), elbo = eval.GetProperty("elbo").GetDouble();
        Assert.True(double.IsFinite(nll) && nll > 0 && -elbo >= nll - 5, $"NLL {nll}, ELBO {elbo}");
        Assert.Equal(-eval.GetProperty("reconstruction").GetDouble() - eval.GetProperty("kl").GetDouble(), elbo, 6);

        string samples = tmp.File("samples.png");
        r = CliRunner.Run("sample", straight, "-n", "8", "--out", samples);
        Assert.True(r.ExitCode == 0 && File.Exists(samples), r.Error + r.Out);

        r = CliRunner.Run("diagnose", straight, "-n", "64", "--json");
        Assert.True(r.ExitCode == 0, r.Error + r.Out);
        var diagnosis = JsonDocument.Parse(r.Out).RootElement;
        Assert.Equal(hierarchical ? 7 : 4, diagnosis.GetProperty("kl_per_dim").GetArrayLength());
        Assert.True(double.IsFinite(diagnosis.GetProperty("mutual_information").GetDouble()));
    }

    [Theory]
    [InlineData("--prior vamp:0", "--prior vamp:0: K, the number of pseudo-inputs, must be an integer ≥ 1.")]
    [InlineData("--prior vampire", "--prior: unknown prior 'vampire'; valid priors: standard, vamp[:K].")]
    [InlineData("--top-hidden 10", "--top-hidden: belongs to a second stochastic layer; give --top-latent too.")]
    [InlineData("--top-latent 0", "--top-latent 0: the top layer's dimension must be ≥ 1.")]
    [InlineData("--top-latent 2 --top-hidden 0", "--top-hidden 0: give one or more layer widths, each ≥ 1.")]
    [InlineData("--prior vamp --likelihood gaussian", "--prior vamp: the pseudo-inputs live in [0, 1]")]
    [InlineData("--top-latent 2 --model ae", "--top-latent: an autoencoder has no posterior")]
    public void Bad_Options_Fail_With_One_Clear_Line(string options, string expected)
    {
        var r = CliRunner.Run([.. Tiny(Mnist(), 1), .. options.Split(' '), "--out", tmp.File("bad")]);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(expected, r.Error);
        Assert.Single(r.Error.Trim().Split('\n'));
        Assert.False(File.Exists(tmp.File("bad/config.json")));
    }

    [Fact]
    public void Pruning_And_Inference_Gaps_Refuse_A_Two_Layer_Model_Clearly()
    {
        string dir = tmp.File("two");
        var r = CliRunner.Run([.. Tiny(Mnist(), 1), "--top-latent", "2", "--out", dir]);
        Assert.True(r.ExitCode == 0, r.Error + r.Out);
        r = CliRunner.Run("prune", dir, "--out", tmp.File("pruned"));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("pruning supports models without a posterior extension", r.Error);
        r = CliRunner.Run("gap", dir, "-n", "4");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("this model's prior is not N(0, I)", r.Error);
    }
}
