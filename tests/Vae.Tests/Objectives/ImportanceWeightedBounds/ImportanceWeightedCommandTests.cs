using System.Text.Json;
using Vae.Tests.Cli;

namespace Vae.Tests.Objectives.ImportanceWeightedBounds;

/// <summary>`vae train --objective iwae|miwae|ciwae|piwae`: trains, stores the bound, resumes, evaluates, samples, diagnoses.</summary>
public class ImportanceWeightedCommandTests : IDisposable
{
    readonly TempDir tmp = new();

    public void Dispose() => tmp.Dispose();

    string[] Args(string data, params string[] more) =>
        ["train", "--data", "mnist:" + data, "--hidden", "32", "--latent", "4", "--val-size", "64", "--batch-size", "64", "--epochs", "1", .. more];

    [Theory]
    [InlineData("iwae", "--iw-samples 3", "samples", 3, "iw_bound")]
    [InlineData("miwae", "--iw-samples 2 --iw-groups 3", "groups", 3, "miwae_bound")]
    [InlineData("ciwae", "--iw-samples 2 --ciwae-beta 0.25", "beta", 0.25, "ciwae_bound")]
    [InlineData("piwae", "--iw-samples 2 --iw-groups 2", "groups", 2, "miwae_bound")]
    public void Train_Stores_The_Bound_Reports_It_Resumes_And_The_Model_Is_Evaluated_Sampled_And_Diagnosed(string objective, string options, string field, double value, string term)
    {
        string data = Fixtures.MnistFolder(tmp.Path, train: 256, test: 64), model = tmp.File("m");
        var r = CliRunner.Run(Args(data, ["--objective", objective, .. options.Split(' '), "--out", model]));
        Assert.True(r.ExitCode == 0, r.Error + r.Out);
        Assert.Contains($", {term} ", r.Error);   // the epoch line (progress goes to stderr)
        var family = JsonDocument.Parse(File.ReadAllText(Path.Combine(model, "config.json"))).RootElement.GetProperty("objective").GetProperty("family");
        Assert.Equal(objective, family.GetProperty("kind").GetString());
        Assert.Equal(value, family.GetProperty(field).GetDouble());

        r = CliRunner.Run("train", "--resume", model, "--epochs", "2");
        Assert.True(r.ExitCode == 0, r.Error + r.Out);
        var last = JsonDocument.Parse(File.ReadAllLines(Path.Combine(model, "metrics.jsonl"))[^1]).RootElement;
        Assert.True(double.IsFinite(last.GetProperty("train_terms").GetProperty(term).GetDouble()));

        r = CliRunner.Run("eval", model, "--k", "20", "--n", "16", "--json");
        Assert.True(r.ExitCode == 0, r.Error);
        var eval = JsonDocument.Parse(r.Out).RootElement;
        Assert.True(eval.GetProperty("nll").GetDouble() < -eval.GetProperty("elbo").GetDouble() + 1);
        Assert.Equal(0, CliRunner.Run("sample", model, "--n", "4", "--out", tmp.File("s.png")).ExitCode);
        r = CliRunner.Run("diagnose", model, "--plot", tmp.File("kl.png"), "--json");
        Assert.True(r.ExitCode == 0, r.Error);
        Assert.Contains("active_units", r.Out);
    }

    [Theory]
    [InlineData("--objective fancy", "--objective: unknown value 'fancy'; valid values: elbo, capacity, beta-tcvae, dip-vae-i, dip-vae-ii, factor-vae, iwae, miwae, ciwae, piwae, wae-mmd, info-vae, rae-l2, rae-gp.")]
    [InlineData("--iw-samples 5", "--iw-samples: is an option of --objective iwae, miwae, ciwae and piwae; this run's objective is elbo.")]
    [InlineData("--objective iwae --iw-groups 2", "--iw-groups: is an option of --objective miwae and piwae; this run's objective is iwae.")]
    [InlineData("--objective miwae --ciwae-beta 0.5", "--ciwae-beta: is an option of --objective ciwae; this run's objective is miwae.")]
    [InlineData("--objective iwae --iw-samples 0", "--iw-samples 0: must be ≥ 1.")]
    [InlineData("--objective piwae --iw-groups 0", "--iw-groups 0: must be ≥ 1.")]
    [InlineData("--objective ciwae --ciwae-beta 1.5", "--ciwae-beta 1.5: must be in [0, 1].")]
    [InlineData("--objective iwae --beta 2", "--beta 2: --objective iwae bounds log p(x) itself; leave --beta at 1.")]
    [InlineData("--objective iwae --model ae", "--objective iwae: needs a VAE; an autoencoder has no posterior")]
    [InlineData("--objective capacity --iw-samples 3", "--iw-samples: is an option of --objective iwae, miwae, ciwae and piwae; this run's objective is capacity.")]
    [InlineData("--objective iwae --tc-weight 3", "--tc-weight: is an option of --objective beta-tcvae; this run's objective is iwae.")]
    public void Bad_Options_Fail_With_One_Clear_Line(string options, string expected)
    {
        string data = Fixtures.MnistFolder(tmp.Path, train: 128, test: 16);
        var r = CliRunner.Run(Args(data, [.. options.Split(' '), "--out", tmp.File("bad")]));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(expected, r.Error);
        Assert.Single(r.Error.Trim().Split('\n'));
        Assert.False(File.Exists(tmp.File("bad/config.json")));
    }
}
