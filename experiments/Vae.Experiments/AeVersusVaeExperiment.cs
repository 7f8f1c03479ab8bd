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
        void Measure(string name, string dir, string prior)
        {
            string[] fid = ["fid", dir, "--prior", prior, "--classifier", classifier, "--n", "10000", "--json"];
            var r = Cli.Json(fid);
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
        md.Line($"Produced by `{command}` on {DateTime.UtcNow:yyyy-MM-dd} ({Vae.Training.RunEnvironment.CpuName()}, {Environment.ProcessorCount} cores).").Line();
        md.Line($"All models: MLP 784-400-20, Bernoulli decoder, 10 epochs on all 60,000 Fashion-MNIST training images, seed 1 (autoencoder: `{Cli.Command(ae)}`; VAEs: `{Cli.Command(sweep)}`). "
            + "Reconstruction on the 10,000 test images (binarized once) at z = μ(x): squared error of the decoded mean summed over pixels, and −log p(x|z=μ) in nats. "
            + "Generation: 10,000 decoded means E[x|z] against the 10,000 test images (grey levels), compared by the Fréchet distance of the 128 features of a classifier trained by this project on the Fashion-MNIST labels "
            + $"(two convolution layers and a dense layer; test accuracy {info.GetProperty("test_accuracy").GetDouble():P2}) — an FID in the sense of Heusel et al. (2017) but with a project-trained feature extractor, so its values are comparable only within this table. Lower is better in every column.").Line();
        md.Table(["model", "latent codes of samples", "recon. squared error", "recon. −log p(x|z=μ)", "Fréchet distance"], rows);
        foreach (var c in commands) md.Line("- " + c);
        return md.ToString();
    }
}
