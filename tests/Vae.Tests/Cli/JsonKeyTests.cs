using System.Text.Json;

namespace Vae.Tests.Cli;

/// <summary>The --json objects of the general verbs keep their documented keys, in order (scripts read them).</summary>
public class JsonKeyTests(TrainedModelFixture fixture) : IClassFixture<TrainedModelFixture>, IDisposable
{
    private readonly TempDir tmp = new();

    public void Dispose() => tmp.Dispose();

    static JsonElement Json(CliRunner.Result r)
    {
        Assert.True(r.ExitCode == 0, r.Error + r.Out);
        Assert.Single(r.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        return JsonDocument.Parse(r.Out).RootElement.Clone();
    }

    static void Keys(string[] expected, JsonElement o) => Assert.Equal(expected, o.EnumerateObject().Select(p => p.Name));

    [Fact]
    public void Diagnose_Json_Has_Its_Keys() => Keys(
        ["kl_per_dim", "kl_total", "active_units_kl", "active_units_cov", "mutual_information", "verdict"],
        Json(CliRunner.Run("diagnose", fixture.Model, "--plot", tmp.File("kl.png"), "--json")));

    [Fact]
    public void Gap_Json_Has_Its_Keys() => Keys(
        ["elbo", "elbo_optimal", "loglik", "approximation_gap", "amortization_gap", "n", "exact"],
        Json(CliRunner.Run("gap", fixture.Model, "--n", "2", "--steps", "3", "--samples", "2", "--k", "10", "--json")));

    [Fact]
    public void Gradient_Variance_Json_Has_Its_Keys() => Keys(
        ["reparameterization_variance", "score_function_variance", "ratio", "mean_distance", "mean_distance_se", "parameters", "repetitions"],
        Json(CliRunner.Run("gradient-variance", fixture.Model, "--batch-size", "8", "--repetitions", "3", "--json")));

    [Fact]
    public void Factor_Analysis_Json_Has_Its_Keys() => Keys(
        ["loglik", "iterations", "test_loglik", "ppca_loglik", "ppca_test_loglik", "n", "n_test", "d", "k"],
        Json(CliRunner.Run("fa", "--data", "mnist:" + fixture.Mnist, "--latent", "2", "--max-iterations", "3", "--json")));

    [Fact]
    public void Prune_Json_Has_Its_Keys_With_Null_After_Values_Without_Fine_Tuning()
    {
        var o = Json(CliRunner.Run("prune", fixture.Model, "--threshold", "0", "--fine-tune-epochs", "0", "--k", "3", "--n", "5", "--out", tmp.File("pruned"), "--json"));
        Keys(["latent_before", "latent_after", "kept", "removed", "elbo_before", "nll_before", "elbo_pruned", "nll_pruned", "elbo_after", "nll_after", "k", "n"], o);
        Assert.Equal(JsonValueKind.Null, o.GetProperty("elbo_after").ValueKind);
    }

    [Fact]
    public void Fid_Json_Has_Its_Keys() => Keys(
        ["fid", "recon_mse", "recon_nll", "n", "prior", "classifier_accuracy"],
        Json(CliRunner.Run("fid", fixture.Model, "--n", "20", "--classifier", tmp.File("classifier"), "--json")));
}
