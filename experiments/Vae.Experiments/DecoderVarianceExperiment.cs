using System.Text.Json;
using Vae.Reporting;
using Vae.Runs;
using static Vae.Experiments.Markdown;

namespace Vae.Experiments;

/// <summary>
/// With a learned, unconstrained σ the objective on data a decoder can reproduce exactly grows without
/// bound (σ → 0); a floor or the calibrated σ keep it finite (docs/results/decoder-variance.md).
/// </summary>
public static class DecoderVarianceExperiment
{
    public static string Run(string runs, string figures, string command)
    {
        // Eight images, one batch per epoch, 3,000 Adam steps at learning rate 0.003: a decoder can memorise eight images almost
        // exactly, and Adam moves a learned log σ by about the learning rate per step, so σ has room to fall far below any floor.
        string[] common = ["--train-size", "8", "--val-size", "0", "--epochs", "3000", "--batch-size", "8", "--lr", "0.003", "--latent", "20", "--binarize", "none", "--seed", "1"];
        var variants = new (string Name, string[] Options)[]
        {
            ("learned σ, no floor", ["--likelihood", "gaussian-learned", "--sigma-floor", "0"]),
            ("learned σ, floor 0.01", ["--likelihood", "gaussian-learned", "--sigma-floor", "0.01"]),
            ("learned σ per pixel, floor 0.01", ["--likelihood", "gaussian-per-feature", "--sigma-floor", "0.01"]),
            ("calibrated σ² = MSE, floor 0.01", ["--likelihood", "gaussian-optimal", "--sigma-floor", "0.01"]),
            ("fixed σ = 0.1", ["--likelihood", "gaussian", "--sigma", "0.1"]),
        };
        var rows = new List<IReadOnlyList<string>>();
        var curves = new List<(string, double[], double[])>();
        foreach (var (name, options) in variants)
        {
            string dir = Path.Combine(runs, string.Concat(name.Replace("σ", "sigma").Where(char.IsAsciiLetterOrDigit)).ToLowerInvariant());
            string[] train = ["train", "--out", dir, "--overwrite", .. common, .. options];
            string outcome;
            try
            {
                if (!Runs.Finished(dir)) Cli.Run(train);
                outcome = "finished";
            }
            catch (InvalidOperationException e) when (e.Message.Contains("diverged"))
            {
                outcome = "stopped: " + e.Message.Split('\n')[1].Replace("error: ", "").Split(';')[0];
            }
            var metrics = File.Exists(Path.Combine(dir, "metrics.jsonl"))
                ? File.ReadAllLines(Path.Combine(dir, "metrics.jsonl")).Select(l => JsonDocument.Parse(l).RootElement).ToList() : [];
            double last = metrics.Count > 0 ? metrics[^1].GetProperty("train_elbo").GetDouble() : double.NaN;
            rows.Add([name, metrics.Count.ToString(), F(last), outcome, $"`{Cli.Command(train)}`"]);
            if (metrics.Count > 0) curves.Add((name, metrics.Select(m => (double)m.GetProperty("epoch").GetInt32()).ToArray(), metrics.Select(m => m.GetProperty("train_elbo").GetDouble()).ToArray()));
        }
        Plots.Curves(Path.Combine(figures, "elbo.png"), curves, "Training ELBO on 8 images that the decoder can memorise", "epoch", "ELBO (nats per image)");
        var md = new Markdown();
        md.Line("# Decoder variance: why σ needs a floor").Line();
        md.Line($"Produced by `{command}` on {DateTime.UtcNow:yyyy-MM-dd} ({Vae.Runs.RunEnvironment.CpuName()}, {Environment.ProcessorCount} cores).").Line();
        md.Line("Data: the first 8 Fashion-MNIST training images as grey levels in [0, 1] (no binarization), which an MLP 784-400-20 VAE with a Gaussian decoder learns to reproduce almost exactly (3,000 epochs of one batch, Adam 0.003). With σ = 0.01 a pixel's log-density is at most −log σ − ½ log 2π = 3.69 nats, so a floor of 0.01 caps the reconstruction term at 784 × 3.686 = 2,890 nats per image. "
            + "The Gaussian log-density includes −log σ per pixel, so as reconstructions become exact a learned σ can shrink without limit and the objective grows without bound (until the numbers overflow): the maximum-likelihood problem is ill-posed. "
            + "A floor σ ≥ σ_min, or the calibrated σ² = MSE (which tracks the actual error and is itself floored), keeps it finite. The last column names the command; the ELBO is the training ELBO of the last completed epoch.").Line();
        md.Table(["decoder σ", "epochs completed", "final training ELBO", "outcome", "command"], rows);
        md.Line("![ELBO curves](decoder-variance/elbo.png)").Line();
        if (curves.Count > 0 && curves[0].Item3.Length >= 1000)
        {
            const double cap = 784 * 3.6862;   // 784 × (−log 0.01 − ½ log 2π): the most any σ ≥ 0.01 allows
            var free = curves[0].Item3;
            var floored = curves.Skip(1).Where(c => c.Item1.Contains("floor")).ToList();
            md.Line($"Reading: without a floor the training ELBO ends at {F(free[^1])} nats, above the {F(cap, 0)} that any σ ≥ 0.01 allows, and is still rising ({(free[^1] - free[^501] >= 0 ? "+" : "")}{F(free[^1] - free[^501])} over the last 500 epochs); "
                + $"the floored runs end at {string.Join(", ", floored.Select(c => F(c.Item3[^1])))}, below the cap. A longer run only raises the unfloored curve further: the likelihood has no maximum, so its value says nothing about the model.").Line();
        }
        md.Line("The same behaviour is pinned by the test `Unfloored_Learned_Sigma_Lets_The_Objective_Grow_Without_Bound_On_Perfect_Reconstructions` (tests/Vae.Tests/Distributions/LikelihoodTests.cs).");
        return md.ToString();
    }
}
