using System.Text.Json;
using Vae.Tests.Cli;

namespace Vae.Tests.Applications.Disentanglement;

/// <summary>`vae train --objective …` on a tiny dSprites folder: trains, stores the objective, resumes.</summary>
public class ObjectiveCommandTests : IDisposable
{
    readonly TempDir tmp = new();

    public void Dispose() => tmp.Dispose();

    static readonly string[] Tiny = ["train", "--model", "conv", "--binarize", "none", "--latent", "4", "--channels", "4,4,4,4", "--hidden", "16",
        "--val-size", "64", "--batch-size", "64", "--epochs", "1"];

    string Dsprites(int n = 512)
    {
        string data = tmp.File("ds");
        var r = CliRunner.Run("dsprites", "--out", data, "--subset", n.ToString(), "--test", "32");
        Assert.True(r.ExitCode == 0, r.Error + r.Out);
        return "mnist:" + data;
    }

    [Theory]
    [InlineData("beta-tcvae", "--tc-weight", "4", "tc_weight", "tc")]
    [InlineData("factor-vae", "--factor-gamma", "20", "factor_gamma", "tc")]
    [InlineData("capacity", "--capacity-max", "12", "capacity_max", "capacity")]
    [InlineData("dip-vae-ii", "--dip-lambda-od", "5", "dip_off_diagonal", "dip")]
    public void Train_With_An_Objective_Stores_It_Reports_Its_Terms_And_Resumes(string objective, string option, string value, string field, string term)
    {
        string data = Dsprites(), model = tmp.File("m");
        var r = CliRunner.Run([.. Tiny, "--data", data, "--objective", objective, option, value, "--out", model]);
        Assert.True(r.ExitCode == 0, r.Error + r.Out);
        Assert.Contains($", {term} ", r.Error);   // the epoch line (progress goes to stderr)
        var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(model, "config.json"))).RootElement.GetProperty("objective").GetProperty("disentangling");
        Assert.Equal(objective, config.GetProperty("kind").GetString());
        Assert.Equal(double.Parse(value), config.GetProperty(field).GetDouble());
        Assert.Equal(objective == "factor-vae", File.Exists(Path.Combine(model, "discriminator.dat")));

        r = CliRunner.Run("train", "--resume", model, "--epochs", "2");
        Assert.True(r.ExitCode == 0, r.Error + r.Out);
        var lines = File.ReadAllLines(Path.Combine(model, "metrics.jsonl"));
        Assert.Equal(2, lines.Length);
        var last = JsonDocument.Parse(lines[^1]).RootElement;
        Assert.True(double.IsFinite(last.GetProperty("train_terms").GetProperty(term).GetDouble()));
        Assert.True(double.IsFinite(last.GetProperty("val_elbo").GetDouble()));
        Assert.Equal(0, CliRunner.Run("eval", model, "-k", "4", "-n", "16").ExitCode);
    }

    [Theory]
    [InlineData("--objective fancy", "--objective: unknown value 'fancy'; valid values: elbo, capacity, beta-tcvae, dip-vae-i, dip-vae-ii, factor-vae, iwae, miwae, ciwae, piwae, wae-mmd, info-vae, rae-l2, rae-gp.")]
    [InlineData("--objective capacity --capacity-gamma -1", "--capacity-gamma -1: must be a finite number ≥ 0.")]
    [InlineData("--objective beta-tcvae --tc-weight -2", "--tc-weight -2: must be a finite number ≥ 0.")]
    [InlineData("--objective capacity --tc-weight 4", "--tc-weight: is an option of --objective beta-tcvae; this run's objective is capacity.")]
    [InlineData("--tc-weight 4", "--tc-weight: is an option of --objective beta-tcvae; this run's objective is elbo.")]
    [InlineData("--objective capacity --beta 4", "leave --beta at 1")]
    [InlineData("--objective factor-vae --discriminator-layers 0", "--discriminator-layers 0: must be ≥ 1.")]
    [InlineData("--objective capacity --capacity-epochs 2 --capacity-steps 100", "give one of them")]
    public void Bad_Objective_Options_Fail_With_One_Clear_Line(string options, string expected)
    {
        string data = Dsprites(128);
        var r = CliRunner.Run([.. Tiny, "--data", data, .. options.Split(' '), "--out", tmp.File("bad")]);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(expected, r.Error);
        Assert.Single(r.Error.Trim().Split('\n'));
        Assert.False(File.Exists(tmp.File("bad/config.json")));
    }
}
