using Vae.Runs;

using static Vae.Experiments.Markdown;

namespace Vae.Experiments;

/// <summary>
/// "The autoencoder reconstructs better, the VAE generates better", measured (docs/results/ae-vs-vae.md):
/// reconstruction error at z = μ(x) and an FID-style Fréchet distance of decoded samples.
/// </summary>
public static class AeVersusVaeExperiment
{
    public static string Run(string runs, string rdRuns, string command)
    {
        var ae = Runs.Train(Path.Combine(runs, "ae"), "--model", "ae", "--val-size", "0", "--epochs", "10", "--seed", "1");
        // The VAEs are the β sweep of the rate–distortion experiment (trained there if missing).
        var sweep = RateDistortionExperiment.BernoulliSweep(rdRuns);
        Cli.Run(sweep);
        string classifier = Path.Combine(runs, "classifier");
        var rows = new List<IReadOnlyList<string>>();
        var commands = new List<string>();
        var measured = new Dictionary<string, (double Mse, double Fid)>();
        void Measure(string name, string dir, string prior)
        {
            string[] fid = ["fid", dir, "--prior", prior, "--classifier", classifier, "--n", "10000", "--json"];
            var r = Cli.Json(fid);
            measured[$"{name}/{prior}"] = (r.GetProperty("recon_mse").GetDouble(), r.GetProperty("fid").GetDouble());
            rows.Add([name, prior == "standard" ? "z ~ N(0, I)" : "z ~ Gaussian fitted to codes", F(r.GetProperty("recon_mse").GetDouble()), F(r.GetProperty("recon_nll").GetDouble()), F(r.GetProperty("fid").GetDouble(), 3)]);
            commands.Add($"`{Cli.Command(fid)}`");
        }
        string aeDir = Path.Combine(runs, "ae");
        Measure("autoencoder", aeDir, "standard");
        Measure("autoencoder", aeDir, "fitted");
        foreach (var beta in new[] { "0.25", "0.5", "1", "2", "4" })
        {
            string dir = Path.Combine(rdRuns, "bernoulli", "beta-" + beta);
            Measure($"VAE β = {beta}", dir, "standard");
        }
        Measure("VAE β = 1", Path.Combine(rdRuns, "bernoulli", "beta-1"), "fitted");
        var info = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(classifier, "classifier.json"))).RootElement;

        var md = new Markdown();
        md.Line("# Autoencoder versus VAE: reconstruction and generation").Line();
        md.Line($"Produced by `{command}` on {DateTime.UtcNow:yyyy-MM-dd} ({Vae.Runs.RunEnvironment.CpuName()}, {Environment.ProcessorCount} cores).").Line();
        md.Line($"All models: MLP 784-400-20, Bernoulli decoder, 10 epochs on all 60,000 Fashion-MNIST training images, seed 1 (autoencoder: `{Cli.Command(ae)}`; VAEs: `{Cli.Command(sweep)}`). "
            + "Reconstruction on the 10,000 test images (binarized once) at z = μ(x): squared error of the decoded mean summed over pixels, and −log p(x|z=μ) in nats. "
            + "Generation: 10,000 decoded means E[x|z] against the 10,000 test images (grey levels), compared by the Fréchet distance of the 128 features of a classifier trained by this project on the Fashion-MNIST labels "
            + $"(two convolution layers and a dense layer; test accuracy {info.GetProperty("test_accuracy").GetDouble():P2}) — an FID in the sense of Heusel et al. (2017) but with a project-trained feature extractor, so its values are comparable only within this table. Lower is better in every column.").Line();
        md.Table(["model", "latent codes of samples", "recon. squared error", "recon. −log p(x \\| z=μ)", "Fréchet distance"], rows);
        foreach (var c in commands) md.Line("- " + c);
        md.Line();
        var (aeStandard, aeFitted, vae) = (measured["autoencoder/standard"], measured["autoencoder/fitted"], measured["VAE β = 1/standard"]);
        var bestVae = measured.Where(m => m.Key.StartsWith("VAE", StringComparison.Ordinal) && m.Key.EndsWith("/standard", StringComparison.Ordinal)).MinBy(m => m.Value.Fid);
        md.Line($"Reading. Reconstruction: the autoencoder's squared error is {F(aeStandard.Mse)} against {F(vae.Mse)} for the β = 1 VAE — "
            + (aeStandard.Mse < vae.Mse ? "the autoencoder reconstructs better, as the chapter says, and the VAE's error grows with β." : "the chapter's claim does not hold here.")
            + $" Generation: decoding z ~ N(0, I), the autoencoder's samples are far from the data (Fréchet distance {F(aeStandard.Fid, 1)}) and the VAE's are much closer ({F(vae.Fid, 1)} at β = 1; best {F(bestVae.Value.Fid, 1)}, {bestVae.Key.Split('/')[0]}), because the VAE's KL term makes N(0, I) the distribution its decoder was trained on. "
            + (aeFitted.Fid < bestVae.Value.Fid
                ? $"But given a Gaussian fitted to its codes, the autoencoder generates better than any VAE here ({F(aeFitted.Fid, 1)}): the claim holds for sampling from the prior, not for a deterministic autoencoder with a fitted latent density (compare Ghosh et al. 2020)."
                : $"With a Gaussian fitted to its codes the autoencoder improves to {F(aeFitted.Fid, 1)}, still behind the VAE."));
        return md.ToString();
    }
}
