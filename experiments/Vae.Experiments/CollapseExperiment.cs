using System.Text.Json;
using Vae.Runs;
using static Vae.Experiments.Markdown;

namespace Vae.Experiments;

/// <summary>
/// Posterior collapse on Fashion-MNIST (docs/results/collapse.md): a PixelCNN decoder with β = 1 and
/// no schedule, then the same with each remedy; and an MLP VAE with d = 64 pruned to its active
/// dimensions.
/// </summary>
public static class CollapseExperiment
{
    public static string Run(string runs, string figures, int epochs, int trainSize, int k, int n, string command)
    {
        string[] common = ["--decoder", "pixel-cnn", "--train-size", trainSize.ToString(), "--val-size", "2000", "--epochs", epochs.ToString(), "--seed", "1"];
        var variants = new (string Name, string Description, string[] Options)[]
        {
            ("mlp", "MLP decoder (reference, no PixelCNN)", ["--train-size", trainSize.ToString(), "--val-size", "2000", "--epochs", epochs.ToString(), "--seed", "1"]),
            ("pixelcnn", "PixelCNN decoder, β = 1, no schedule", common),
            ("warmup", "+ linear KL warm-up over half the run", [.. common, "--kl-schedule", "linear", "--kl-warmup", (epochs / 2.0).ToString(System.Globalization.CultureInfo.InvariantCulture)]),
            ("cyclical", "+ cyclical annealing (4 cycles, rising half of each)", [.. common, "--kl-schedule", "cyclical", "--kl-cycles", "4", "--kl-ratio", "0.5"]),
            ("freebits", "+ free bits, λ = 0.25 nats per dimension", [.. common, "--free-bits", "0.25"]),
            ("skip", "+ z injected into every decoder layer (skip-VAE)", [.. common, "--z-injection", "every-layer"]),
            ("film", "+ FiLM conditioning on z in every layer", [.. common, "--z-injection", "film"]),
        };
        var rows = new List<IReadOnlyList<string>>();
        var commands = new List<string>();
        foreach (var (name, description, options) in variants)
        {
            string dir = Path.Combine(runs, name);
            string[] train = Runs.Train(dir, options);
            string[] diagnose = ["diagnose", dir, "--n", "5000", "--json", "--plot", Path.Combine(figures, $"{name}-kl.png")];
            string[] eval = ["eval", dir, "--k", k.ToString(), "--n", n.ToString(), "--json"];
            var d = Cli.Json(diagnose);
            var e = Cli.Json(eval);
            rows.Add([description, d.GetProperty("active_units_kl").GetInt32() + " / 20", d.GetProperty("active_units_cov").GetInt32().ToString(),
                F(d.GetProperty("mutual_information").GetDouble(), 3), F(d.GetProperty("kl_total").GetDouble()),
                F(-e.GetProperty("elbo").GetDouble()), F(e.GetProperty("nll").GetDouble()), d.GetProperty("verdict").GetString()!, $"[{name}](#{name})"]);
            commands.Add($"<a id=\"{name}\"></a>**{name}**: `{Cli.Command(train)}`; `{Cli.Command(diagnose)}`; `{Cli.Command(eval)}`");
        }

        // An MLP VAE with far more latent dimensions than it needs, pruned to the active ones.
        string wide = Path.Combine(runs, "mlp64"), pruned = Path.Combine(runs, "mlp64-pruned");
        string[] trainWide = Runs.Train(wide, "--latent", "64", "--val-size", "0", "--epochs", "10", "--seed", "1");
        string[] diagWide = ["diagnose", wide, "--n", "5000", "--json", "--plot", Path.Combine(figures, "mlp64-kl.png")];
        var dw = Cli.Json(diagWide);
        string[] prune = ["prune", wide, "--threshold", "0.05", "--fine-tune-epochs", "2", "--out", pruned, "--overwrite", "--k", "1000", "--n", "1000", "--json"];
        var p = Cli.Json(prune);

        var md = new Markdown();
        md.Line("# Posterior collapse and latent capacity on Fashion-MNIST").Line();
        md.Line($"Produced by `{command}` on {DateTime.UtcNow:yyyy-MM-dd} ({Vae.Runs.RunEnvironment.CpuName()}, {Environment.ProcessorCount} cores; the machine was shared with other jobs, so times are not meaningful here). Every number below comes from the `./vae` command named beside it.").Line();
        md.Line($"## 1–2. A decoder strong enough to ignore z, and the remedies").Line();
        md.Line($"Encoder: MLP 784-400-20. Decoder: a PixelCNN conditioned on z (7×7 masked input layer, 3 residual masked 3×3 layers, 32 channels; z enters as a learned 32×28×28 feature map at the first layer unless stated). "
            + $"Trained on the first {trainSize:N0} training images (2,000 held out for validation; model.dat keeps the best validation epoch), {epochs} epochs, dynamic binarization, Adam 1e-3, batch 128, seed 1. "
            + $"Diagnostics on the first 5,000 test images (active units: mean KL > 0.05 nats, or Var_x E[z_j|x] > 0.01; I(x;z) by the He et al. 2019 estimator); NLL by importance sampling with K = {k} on the first {n} test images (nats per image).").Line();
        md.Table(["model", "active units (KL)", "active (cov)", "I(x;z)", "KL", "−ELBO", "NLL", "verdict", "commands"], rows);
        foreach (var c in commands) md.Line("- " + c);
        md.Line();
        md.Line("Per-dimension KL bar charts: " + string.Join(", ", variants.Select(v => $"[{v.Name}](collapse/{v.Name}-kl.png)")) + ".").Line();
        md.Line("## 3. Pruning an over-sized latent space").Line();
        md.Line($"MLP 784-400-64 VAE, 10 epochs on all 60,000 training images (`{Cli.Command(trainWide)}`). Diagnosis (`{Cli.Command(diagWide)}`): "
            + $"{dw.GetProperty("active_units_kl").GetInt32()} of 64 dimensions active by KL, {dw.GetProperty("active_units_cov").GetInt32()} by the covariance criterion, "
            + $"I(x;z) ≈ {F(dw.GetProperty("mutual_information").GetDouble(), 2)} nats, total KL {F(dw.GetProperty("kl_total").GetDouble())} nats. Bar chart: [mlp64-kl.png](collapse/mlp64-kl.png).").Line();
        md.Line($"Pruning (`{Cli.Command(prune)}`; the active dimensions are chosen on the training data), test numbers on the first 1,000 test images, NLL with K = 1000:").Line();
        md.Table(["model", "d", "−ELBO", "NLL"],
        [
            ["before pruning", p.GetProperty("latent_before").GetInt32().ToString(), F(-p.GetProperty("elbo_before").GetDouble()), F(p.GetProperty("nll_before").GetDouble())],
            ["pruned, no fine-tuning", p.GetProperty("latent_after").GetInt32().ToString(), F(-p.GetProperty("elbo_pruned").GetDouble()), F(p.GetProperty("nll_pruned").GetDouble())],
            ["pruned + 2 fine-tuning epochs", p.GetProperty("latent_after").GetInt32().ToString(), F(-p.GetProperty("elbo_after").GetDouble()), F(p.GetProperty("nll_after").GetDouble())],
        ]);
        md.Line($"NLL change from pruning and fine-tuning: {F(p.GetProperty("nll_after").GetDouble() - p.GetProperty("nll_before").GetDouble())} nats "
            + $"(without fine-tuning: {F(p.GetProperty("nll_pruned").GetDouble() - p.GetProperty("nll_before").GetDouble())} nats).");
        return md.ToString();
    }
}
