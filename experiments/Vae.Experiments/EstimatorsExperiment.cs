using Vae.Reporting;
using Vae.Runs;
using static Vae.Experiments.Markdown;

namespace Vae.Experiments;

/// <summary>Variance of the reparameterization and score-function gradients (docs/results/gradient-estimators.md).</summary>
public static class EstimatorsExperiment
{
    public static string Run(string runs, string figures, string referenceModel, string command)
    {
        var untrained = Runs.Train(Path.Combine(runs, "one-epoch"), "--val-size", "0", "--epochs", "1", "--seed", "1");
        var rows = new List<IReadOnlyList<string>>();
        var names = new List<string>();
        var reparam = new List<double>();
        var score = new List<double>();
        foreach (var (name, dir) in new[] { ("after 1 epoch", Path.Combine(runs, "one-epoch")), ("after 10 epochs (reference model)", referenceModel) })
            foreach (var batch in new[] { "1", "128" })
            {
                string[] cmd = ["gradient-variance", dir, "--batch-size", batch, "--repetitions", "300", "--json"];
                var r = Cli.Json(cmd);
                rows.Add([name, batch, r.GetProperty("reparameterization_variance").GetDouble().ToString("G4"), r.GetProperty("score_function_variance").GetDouble().ToString("G4"),
                    r.GetProperty("ratio").GetDouble().ToString("G4"), $"{r.GetProperty("mean_distance").GetDouble():G3} (±{r.GetProperty("mean_distance_se").GetDouble():G3})", $"`{Cli.Command(cmd)}`"]);
                names.Add($"{(name.StartsWith("after 1") ? "1 epoch" : "10 epochs")}, B={batch}");
                reparam.Add(Math.Log10(r.GetProperty("reparameterization_variance").GetDouble()));
                score.Add(Math.Log10(r.GetProperty("score_function_variance").GetDouble()));
            }
        Plots.GroupedBars(Path.Combine(figures, "variance.png"), names, [("reparameterization", reparam.ToArray()), ("score function", score.ToArray())],
            "Total gradient variance (log10), encoder parameters", "log10 of the summed variance");
        var md = new Markdown();
        md.Line("# Gradient estimators: reparameterization against the score function").Line();
        md.Line($"Produced by `{command}` on {DateTime.UtcNow:yyyy-MM-dd} ({Vae.Runs.RunEnvironment.CpuName()}, {Environment.ProcessorCount} cores).").Line();
        md.Line($"The reference MLP 784-400-20 VAE on Fashion-MNIST after 1 epoch (`{Cli.Command(untrained)}`) and after 10. For the first B test images, the gradient of the batch ELBO with respect to the encoder's parameters (≈330,000) is estimated 300 times with one sample per example "
            + "by each estimator (the KL term is differentiated in closed form in both); the table gives the summed per-coordinate variance (the trace of the estimator's covariance), their ratio, and the distance between the two mean gradients with the distance expected from sampling noise alone (both estimators are unbiased, so it should be of that size).").Line();
        md.Table(["model", "batch B", "variance, reparameterization", "variance, score function", "ratio", "‖mean difference‖ (noise level)", "command"], rows);
        md.Line("![variance](gradient-estimators/variance.png)");
        return md.ToString();
    }
}
