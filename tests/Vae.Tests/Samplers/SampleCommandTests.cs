using System.Globalization;
using System.Text.Json;
using Vae.Tests.Cli;

namespace Vae.Tests.Samplers;

/// <summary>`vae sample --sampler/--label`, `vae fid --sampler` and `vae train --condition label` from the command line.</summary>
public class SampleCommandTests : IDisposable
{
    private readonly TempDir tmp = new();
    private readonly string mnist;
    private readonly string model;

    public SampleCommandTests()
    {
        mnist = Fixtures.MnistFolder(tmp.Path, train: 512, test: 64);
        model = tmp.File("model");
        var r = CliRunner.Run("train", "--data", "mnist:" + mnist, "--epochs", "1", "--hidden", "32", "--latent", "3", "--val-size", "0", "--batch-size", "64", "--out", model);
        Assert.True(r.ExitCode == 0, r.Error);
    }

    public void Dispose() => tmp.Dispose();

    [Fact]
    public void A_Gmm_Sampler_Is_Fitted_On_First_Use_Then_Loaded_And_Refitted_On_Request()
    {
        var first = CliRunner.Run("sample", model, "--sampler", "gmm", "--components", "4", "--out", tmp.File("a.csv"), "-n", "8");
        Assert.True(first.ExitCode == 0, first.Error);
        Assert.Contains("fitting it now", first.Error);
        Assert.Contains("EM iteration", first.Error);
        Assert.True(File.Exists(Path.Combine(model, "sampler-gmm.json")));
        var second = CliRunner.Run("sample", model, "--sampler", "gmm", "--out", tmp.File("b.csv"), "-n", "8");
        Assert.True(second.ExitCode == 0, second.Error);
        Assert.DoesNotContain("fitting", second.Error, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(File.ReadAllText(tmp.File("a.csv")), File.ReadAllText(tmp.File("b.csv")));
        var refit = CliRunner.Run("sample", model, "--sampler", "gmm", "--refit", "--out", tmp.File("c.png"));
        Assert.True(refit.ExitCode == 0, refit.Error);
        Assert.Contains("--refit", refit.Error);
    }

    [Fact]
    public void The_Prior_Sampler_Draws_What_Sample_Drew_Before_Samplers()
    {
        var r = CliRunner.Run("sample", model, "--out", tmp.File("p.csv"), "-n", "5", "--seed", "3");
        Assert.True(r.ExitCode == 0, r.Error);
        using var loaded = Vae.Runs.ModelFolder.Load(model, TorchSharp.torch.CPU);
        var expected = Vae.Evaluation.Generation.Sample(loaded.Model, 5, TorchSharp.torch.CPU, 3);
        Assert.Equal(expected.Select(v => v.ToString("G6", CultureInfo.InvariantCulture)),
            File.ReadAllLines(tmp.File("p.csv")).Skip(1).SelectMany(l => l.Split(',')));
    }

    [Theory]
    [InlineData("--sampler nope", "--sampler nope: no such sampler; one of prior, gmm, two-stage")]
    [InlineData("--sampler two-stage --components 3", "--components: only the gmm sampler")]
    [InlineData("--label 2", "--label 2: this model is not conditioned on a class label")]
    public void Bad_Sampler_Options_Give_A_One_Line_Error_Naming_The_Option(string options, string message)
    {
        var r = CliRunner.Run(["sample", model, "--out", tmp.File("x.png"), .. options.Split(' ')]);
        Assert.NotEqual(0, r.ExitCode);
        Assert.Contains(message, r.Error);
        Assert.Single(r.Error.Trim().Split('\n'));
    }

    [Fact]
    public void Fid_Scores_Samples_Drawn_By_A_Sampler_And_Refuses_Two_Sources()
    {
        var r = CliRunner.Run("fid", model, "--sampler", "gmm", "--components", "2", "--n", "20", "--classifier", tmp.File("classifier"), "--json");
        Assert.True(r.ExitCode == 0, r.Error);
        using var json = JsonDocument.Parse(r.Out);
        Assert.Equal("gmm", json.RootElement.GetProperty("prior").GetString());
        Assert.True(json.RootElement.GetProperty("fid").GetDouble() >= 0);
        var both = CliRunner.Run("fid", model, "--sampler", "gmm", "--prior", "fitted", "--classifier", tmp.File("classifier"));
        Assert.NotEqual(0, both.ExitCode);
        Assert.Contains("--prior fitted and --sampler gmm", both.Error);
    }

    [Fact]
    public void Fid_Refuses_A_Feature_Classifier_Trained_On_Other_Data()
    {
        string classifier = tmp.File("classifier-other");
        Assert.Equal(0, CliRunner.Run("fid", model, "--n", "20", "--classifier", classifier).ExitCode);
        string other = Fixtures.MnistFolder(tmp.File("other-data"), train: 256, test: 32);
        string otherModel = tmp.File("other-model");
        Assert.Equal(0, CliRunner.Run("train", "--data", "mnist:" + other, "--epochs", "1", "--hidden", "16", "--latent", "2", "--val-size", "0", "--out", otherModel).ExitCode);
        var r = CliRunner.Run("fid", otherModel, "--n", "20", "--classifier", classifier);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains($"trained on mnist:{mnist}, not on mnist:{other}", r.Error);
        Assert.Single(r.Error.Trim().Split('\n'));
    }

    [Fact]
    public void A_Conditional_Vae_Generates_The_Class_It_Is_Given()
    {
        // The fixture's label is the quadrant of a bright square: the brightest quadrant of a sample classifies it.
        string cvae = tmp.File("cvae");
        var t = CliRunner.Run("train", "--data", "mnist:" + mnist, "--condition", "label", "--epochs", "8", "--hidden", "64", "--latent", "2", "--val-size", "0",
            "--batch-size", "32", "--lr", "0.003", "--out", cvae);
        Assert.True(t.ExitCode == 0, t.Error);
        // The prior's z carries no class; a gmm's z, fitted to the codes of every class, may (a short-trained CVAE's
        // codes still hold some class information), so the gmm sampler is only run with a label here.
        Assert.Equal(0, CliRunner.Run("sample", cvae, "--label", "1", "--sampler", "gmm", "--out", tmp.File("g.png")).ExitCode);
        foreach (var sampler in new[] { "prior" })
            for (int label = 0; label < 4; label++)
            {
                var r = CliRunner.Run("sample", cvae, "--label", label.ToString(CultureInfo.InvariantCulture), "--sampler", sampler, "-n", "40", "--out", tmp.File($"{sampler}{label}.csv"));
                Assert.True(r.ExitCode == 0, r.Error);
                int hits = ReadCsv(tmp.File($"{sampler}{label}.csv")).Count(x => Quadrant(x) == label);
                // By chance (p = 1/4) 24 or more of 40 happens with probability below 1e-6.
                Assert.True(hits >= 24, $"{sampler}, label {label}: {hits} of 40 samples in quadrant {label} (chance: 10)");
            }
        var bad = CliRunner.Run("sample", cvae, "--label", "4", "--out", tmp.File("x.png"));
        Assert.Contains("--label 4: out of range; the model has 4 classes, 0..3", bad.Error);
        var none = CliRunner.Run("sample", cvae, "--out", tmp.File("x.png"));
        Assert.Contains("--label: this model is a conditional VAE", none.Error);
        var eval = CliRunner.Run("eval", cvae, "-n", "16", "-k", "20");
        Assert.True(eval.ExitCode == 0, eval.Error);
        Assert.Contains("NLL", eval.Out);
    }

    [Fact]
    public void A_Conditional_Vae_Resumes_Bit_Exactly()
    {
        string[] Args(string dir, int epochs) => ["train", "--data", "mnist:" + mnist, "--condition", "label", "--epochs", epochs.ToString(CultureInfo.InvariantCulture),
            "--hidden", "32", "--latent", "2", "--val-size", "0", "--batch-size", "64", "--out", dir];
        Assert.Equal(0, CliRunner.Run(Args(tmp.File("full"), 2)).ExitCode);
        Assert.Equal(0, CliRunner.Run(Args(tmp.File("part"), 1)).ExitCode);
        var resumed = CliRunner.Run("train", "--resume", tmp.File("part"), "--epochs", "2");
        Assert.True(resumed.ExitCode == 0, resumed.Error);
        Assert.Equal(File.ReadAllBytes(tmp.File("full/model.dat")), File.ReadAllBytes(tmp.File("part/model.dat")));
        Assert.Contains("\"condition_classes\": [", File.ReadAllText(tmp.File("part/config.json")));
    }

    static List<float[]> ReadCsv(string path) =>
        File.ReadAllLines(path).Where(l => l.Length > 0 && (char.IsDigit(l[0]) || l[0] == '-'))
            .Select(l => l.Split(',').Select(v => float.Parse(v, CultureInfo.InvariantCulture)).ToArray()).ToList();

    // 0 top-left, 1 top-right, 2 bottom-left, 3 bottom-right (the fixture's label = (row half)·2 + column half).
    static int Quadrant(float[] x)
    {
        var sums = new double[4];
        for (int i = 0; i < 784; i++) sums[(i / 28 / 14) * 2 + i % 28 / 14] += x[i];
        return Array.IndexOf(sums, sums.Max());
    }
}
