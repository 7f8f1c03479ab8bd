using System.Text.Json;
using Vae.Distributions;
using Vae.Objectives;
using Vae.Runs;
using Vae.Tests.Cli;

namespace Vae.Tests.Objectives;

/// <summary>WAE-MMD, InfoVAE and the RAEs from the command line: training, resuming, evaluating, diagnosing, and the errors.</summary>
public class RegularizedCommandTests : IDisposable
{
    private readonly TempDir tmp = new();
    private readonly string mnist;

    public RegularizedCommandTests() => mnist = Fixtures.MnistFolder(tmp.Path, train: 256, test: 32);

    public void Dispose() => tmp.Dispose();

    CliRunner.Result Train(string dir, int epochs, params string[] options) =>
        CliRunner.Run(["train", "--data", "mnist:" + mnist, "--out", dir, "--epochs", epochs.ToString(), "--hidden", "32", "--latent", "4",
            "--val-size", "0", "--batch-size", "32", "--lr", "0.003", .. options]);

    static void Ok(CliRunner.Result r) => Assert.True(r.ExitCode == 0, r.Error + r.Out);

    [Theory]
    [InlineData("wae-mmd", PosteriorKind.PointMass, "mmd")]
    [InlineData("info-vae", PosteriorKind.Diagonal, "mmd")]
    [InlineData("rae-l2", PosteriorKind.PointMass, "decoder_decay")]
    [InlineData("rae-gp", PosteriorKind.PointMass, "gradient_penalty")]
    public void Training_From_The_Command_Line_Lowers_The_Loss_And_Reports_The_Terms(string objective, PosteriorKind posterior, string term)
    {
        string dir = tmp.File(objective);
        Ok(Train(dir, 3, "--objective", objective));
        var config = ModelFolder.ReadConfig(dir);
        Assert.Equal(objective, config.Objective.Family!.Name);
        Assert.Equal(posterior, config.Model.Posterior);   // the autoencoder is the default model of wae-mmd and the RAEs
        var metrics = ModelFolder.ReadMetrics(dir);
        Assert.True(metrics[^1].TrainLoss < metrics[0].TrainLoss, $"{objective}: loss {metrics[0].TrainLoss} -> {metrics[^1].TrainLoss}");
        Assert.True(metrics[^1].TrainTerms!.ContainsKey(term), string.Join(", ", metrics[^1].TrainTerms!.Keys));
        Assert.All(metrics[^1].TrainTerms!.Values, v => Assert.True(double.IsFinite(v)));
    }

    [Fact]
    public void A_Stochastic_Wae_Trains_With_A_Gaussian_Encoder_When_The_Model_Is_A_Vae()
    {
        string dir = tmp.File("stochastic");
        Ok(Train(dir, 1, "--objective", "wae-mmd", "--model", "mlp", "--mmd-weight", "5", "--mmd-kernel", "rbf"));
        var config = ModelFolder.ReadConfig(dir);
        Assert.Equal(PosteriorKind.Diagonal, config.Model.Posterior);
        Assert.Equal(new WaeMmdOptions { MmdWeight = 5, Kernel = MmdKernel.Rbf }, config.Objective.Family);
    }

    [Theory]
    [InlineData("wae-mmd")]
    [InlineData("rae-gp")]
    public void A_Resumed_Run_Ends_With_The_Same_Bytes_As_An_Uninterrupted_One(string objective)
    {
        string straight = tmp.File(objective + "-straight"), resumed = tmp.File(objective + "-resumed");
        Ok(Train(straight, 2, "--objective", objective));
        Ok(Train(resumed, 1, "--objective", objective));
        Ok(CliRunner.Run("train", "--resume", resumed, "--epochs", "2"));
        foreach (var file in new[] { ModelFolder.ModelFile, "optimizer.dat" })
            Assert.Equal(File.ReadAllBytes(Path.Combine(straight, file)), File.ReadAllBytes(Path.Combine(resumed, file)));
        Assert.Equal(ModelFolder.ReadMetrics(straight).Select(m => (m.TrainLoss, m.TrainTerms!.Values.Sum())),
            ModelFolder.ReadMetrics(resumed).Select(m => (m.TrainLoss, m.TrainTerms!.Values.Sum())));
    }

    [Fact]
    public void A_Model_Without_Density_Reports_Reconstruction_Samples_And_Is_Diagnosed_By_Its_Codes()
    {
        string dir = tmp.File("rae");
        Ok(Train(dir, 1, "--objective", "rae-l2"));
        var eval = CliRunner.Run("eval", dir, "-k", "5");
        Ok(eval);
        Assert.Contains("reconstruction", eval.Out);
        Assert.Contains("NLL             (none: an autoencoder has no density)", eval.Out);
        var json = JsonDocument.Parse(CliRunner.Run("eval", dir, "-k", "5", "--json").Out).RootElement;
        Assert.Equal(JsonValueKind.Null, json.GetProperty("nll").ValueKind);

        var diagnose = CliRunner.Run("diagnose", dir, "--plot", tmp.File("codes.png"), "--json");
        Ok(diagnose);
        var d = JsonDocument.Parse(diagnose.Out).RootElement;
        Assert.Equal(["kl_per_dim", "kl_total", "active_units_kl", "active_units_cov", "mutual_information", "verdict", "code_variance", "prior_mmd"],
            d.EnumerateObject().Select(p => p.Name));
        Assert.Equal(JsonValueKind.Null, d.GetProperty("kl_per_dim").ValueKind);
        Assert.Equal(4, d.GetProperty("code_variance").GetArrayLength());
        Assert.Equal(d.GetProperty("code_variance").EnumerateArray().Count(v => v.GetDouble() > 0.01), d.GetProperty("active_units_cov").GetInt32());
        Assert.True(File.Exists(tmp.File("codes.png")));
        var text = CliRunner.Run("diagnose", dir, "--plot", tmp.File("codes2.png"));
        Ok(text);
        Assert.Contains("no per-dimension KL and no I(x; z)", text.Out);

        Ok(CliRunner.Run("sample", dir, "--out", tmp.File("samples.png"), "-n", "4"));
        Assert.True(File.Exists(tmp.File("samples.png")));
    }

    [Theory]
    [InlineData("--objective info-vae --model ae", "--objective info-vae: needs a VAE")]
    [InlineData("--objective rae-l2 --model mlp", "--objective rae-l2: the encoder of a regularized autoencoder is deterministic")]
    [InlineData("--objective rae-gp --model conv", "--objective rae-gp: the encoder of a regularized autoencoder is deterministic")]
    [InlineData("--objective wae-mmd --mmd-weight -1", "--mmd-weight -1: must be a finite number ≥ 0")]
    [InlineData("--objective info-vae --info-alpha 2", "--info-alpha 2: must be a finite number ≤ 1")]
    [InlineData("--objective info-vae --info-lambda 0.5", "the MMD's weight α + λ − 1 = -0.5 is negative")]
    [InlineData("--objective rae-l2 --rae-beta -0.5", "--rae-beta -0.5: must be a finite number ≥ 0")]
    [InlineData("--objective rae-gp --rae-gp-weight -1", "--rae-gp-weight -1: must be a finite number ≥ 0")]
    [InlineData("--objective rae-l2 --rae-gp-weight 1", "--rae-gp-weight: is an option of --objective rae-gp; this run's objective is rae-l2.")]
    [InlineData("--mmd-weight 3", "--mmd-weight: is an option of --objective wae-mmd; this run's objective is elbo.")]
    [InlineData("--objective wae-mmd --tc-weight 3", "--tc-weight: is an option of --objective beta-tcvae; this run's objective is wae-mmd.")]
    [InlineData("--objective wae-mmd --mmd-kernel gauss", "--mmd-kernel: unknown value 'gauss'; valid values: imq, rbf.")]
    [InlineData("--objective wae-mmd --beta 4", "--beta 4: --objective wae-mmd has no KL term")]
    [InlineData("--objective wea-mmd", "--objective: unknown value 'wea-mmd'; valid values: elbo, capacity, beta-tcvae, dip-vae-i, dip-vae-ii, factor-vae, iwae, miwae, ciwae, piwae, wae-mmd, info-vae, rae-l2, rae-gp.")]
    public void Bad_Options_Give_One_Clear_Line_Naming_The_Option(string options, string expected)
    {
        var r = CliRunner.Run(["train", "--out", tmp.File("bad"), "--data", "mnist:" + mnist, "--val-size", "0", .. options.Split(' ')]);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(expected, r.Error);
        Assert.Single(r.Error.Trim().Split('\n'));
        Assert.False(Directory.Exists(tmp.File("bad")), "no partial output");
    }
}
