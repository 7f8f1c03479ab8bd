using System.Text.Json;
using Vae.Tests.Cli;

namespace Vae.Tests.Models.Flows;

/// <summary>`vae train --flow …` on a tiny MNIST folder: trains, stores the flow, resumes bit-exactly, evaluates, diagnoses, samples, measures gaps.</summary>
public class FlowCommandTests : IDisposable
{
    readonly TempDir tmp = new();

    public void Dispose() => tmp.Dispose();

    static readonly string[] Tiny = ["train", "--hidden", "32", "--latent", "3", "--val-size", "32", "--batch-size", "32"];

    string Mnist() => "mnist:" + Fixtures.MnistFolder(tmp.Path, train: 256, test: 40);

    static void Ok(CliRunner.Result r) => Assert.True(r.ExitCode == 0, r.Error + r.Out);

    static JsonElement Json(CliRunner.Result r) => JsonDocument.Parse(r.Out).RootElement;

    [Theory]
    [InlineData("planar:3", "planar", 3)]
    [InlineData("iaf:2", "iaf", 2)]
    public void A_Flow_Trains_Lowers_The_Loss_Resumes_Exactly_And_Evaluates(string flow, string kind, int steps)
    {
        string data = Mnist(), straight = tmp.File("straight"), resumed = tmp.File("resumed");
        string[] extra = kind == "iaf" ? ["--flow-hidden", "16"] : [];
        Ok(CliRunner.Run([.. Tiny, "--data", data, "--flow", flow, .. extra, "--epochs", "3", "--out", straight]));
        var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(straight, "config.json"))).RootElement.GetProperty("model").GetProperty("posterior_extension");
        Assert.Equal(kind, config.GetProperty("kind").GetString());
        Assert.Equal(steps, config.GetProperty("steps").GetInt32());
        var losses = File.ReadAllLines(Path.Combine(straight, "metrics.jsonl")).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("train_loss").GetDouble()).ToArray();
        Assert.True(losses[^1] < losses[0], string.Join(", ", losses));

        Ok(CliRunner.Run([.. Tiny, "--data", data, "--flow", flow, .. extra, "--epochs", "1", "--out", resumed]));
        Ok(CliRunner.Run("train", "--resume", resumed, "--epochs", "3"));
        Assert.Equal(File.ReadAllBytes(Path.Combine(straight, "model.dat")), File.ReadAllBytes(Path.Combine(resumed, "model.dat")));

        var eval = Json(CliRunner.Run("eval", straight, "--k", "200", "--json"));
        double elbo = eval.GetProperty("elbo").GetDouble(), nll = eval.GetProperty("nll").GetDouble();
        Assert.True(nll <= -elbo + 0.5, $"NLL {nll} vs -ELBO {-elbo}");   // the IS bound with K = 200 lies above the ELBO (up to Monte Carlo error)
        Assert.Equal(elbo, -eval.GetProperty("reconstruction").GetDouble() - eval.GetProperty("kl").GetDouble(), 6);

        var diagnose = Json(CliRunner.Run("diagnose", straight, "--n", "40", "--json"));
        Assert.Equal(3, diagnose.GetProperty("kl_per_dim").GetArrayLength());
        Assert.True(double.IsFinite(diagnose.GetProperty("mutual_information").GetDouble()));
        Ok(CliRunner.Run("sample", straight, "--out", tmp.File("samples.png")));
        var gap = Json(CliRunner.Run("gap", straight, "--n", "4", "--steps", "5", "--k", "100", "--json"));
        Assert.True(double.IsFinite(gap.GetProperty("amortization_gap").GetDouble()));
    }

    [Theory]
    [InlineData("--flow radial", "--flow: 'radial' is not a flow; use planar[:K], iaf[:K] or none.")]
    [InlineData("--flow planar:0", "--flow planar:0: the number of steps K must be a whole number ≥ 1.")]
    [InlineData("--flow iaf:x", "--flow iaf:x: the number of steps K must be a whole number ≥ 1.")]
    [InlineData("--flow planar:2:3", "is not a flow")]
    [InlineData("--flow planar --flow-hidden 8", "--flow-hidden: is an option of --flow iaf.")]
    [InlineData("--flow iaf --flow-hidden 0", "--flow-hidden 0: must be ≥ 1.")]
    [InlineData("--flow planar --posterior full-covariance", "use --posterior diagonal")]
    [InlineData("--flow iaf --model ae", "an autoencoder has no posterior to transform")]
    [InlineData("--flow planar --free-bits 0.5", "--free-bits: needs the exact KL per dimension")]
    [InlineData("--flow planar --objective beta-tcvae", "--objective beta-tcvae: reads the posterior's Gaussian form")]
    public void Bad_Flow_Options_Fail_With_One_Clear_Line(string options, string expected)
    {
        var r = CliRunner.Run([.. Tiny, "--data", Mnist(), .. options.Split(' '), "--epochs", "1", "--out", tmp.File("bad")]);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(expected, r.Error);
        Assert.Single(r.Error.Trim().Split('\n'));
        Assert.False(File.Exists(tmp.File("bad/config.json")));
    }
}
