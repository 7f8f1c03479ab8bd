using System.Globalization;
using System.Text;
using Vae.Evaluation;
using Vae.Reporting;
using Vae.Runs;
using Vae.Training;

namespace Vae.Workflows;

/// <summary>The demo's summary.md and report.html.</summary>
public static class DemoSummary
{
    // A PyTorch implementation of the same model and protocol, measured on this machine (see docs/results/reference-model.md).
    const double ReferenceNegElbo = 242.9, ReferenceNll = 238.8;

    public static string Markdown(RunConfig config, IReadOnlyList<EpochMetrics> metrics, ElboEstimate elbo, ElboEstimate elboFirstN, double nll, int n, int k)
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine("# Demo: the reference VAE on Fashion-MNIST");
        sb.AppendLine();
        sb.AppendLine($"Model: MLP 784-400-20 (ReLU), Bernoulli likelihood, diagonal Gaussian posterior, N(0, I) prior; Adam 1e-3, batch 128, {metrics.Count} epochs on all 60,000 training images with dynamic binarization (seed {config.Training.Seed}).");
        sb.AppendLine($"Test images binarized once with seed {EvaluationData.TestSeed(config.Data)}. All numbers in nats per image.");
        sb.AppendLine();
        sb.AppendLine("| measure | value |");
        sb.AppendLine("|---|---|");
        sb.AppendLine(string.Create(inv, $"| test -ELBO (all 10,000) | {-elbo.Elbo:F2} |"));
        sb.AppendLine(string.Create(inv, $"| test reconstruction -E[log p(x|z)] | {elbo.Reconstruction:F2} |"));
        sb.AppendLine(string.Create(inv, $"| test KL(q(z|x) ‖ p(z)) | {elbo.Kl:F2} |"));
        sb.AppendLine(string.Create(inv, $"| test -ELBO (first {n}) | {-elboFirstN.Elbo:F2} |"));
        sb.AppendLine(string.Create(inv, $"| test NLL -log p(x), K = {k} (first {n}) | {nll:F2} |"));
        sb.AppendLine(string.Create(inv, $"| gap -ELBO - NLL (first {n}) | {-elboFirstN.Elbo - nll:F2} |"));
        sb.AppendLine();
        if (metrics.Count == 10 && k == 1000 && n == 1000)
            sb.AppendLine(string.Create(inv, $"Reference: a PyTorch implementation of the same model and protocol, measured on this machine, reaches -ELBO {ReferenceNegElbo} and NLL {ReferenceNll} (K = 1000, first 1000 test images) after 10 epochs."));
        sb.AppendLine(string.Create(inv, $"Training took {metrics.Sum(m => m.Seconds):F0} s ({metrics.Average(m => m.SamplesPerSecond):N0} images/s on average)."));
        return sb.ToString();
    }

    /// <summary>The summary at the top of the demo's report.html: its sentences, then its table.</summary>
    public static void Preface(HtmlReport report, string summary)
    {
        foreach (var line in summary.Split('\n').Where(l => l.Length > 0 && !l.StartsWith('#') && !l.StartsWith('|'))) report.Paragraph(line.Trim());
        var rows = summary.Split('\n').Where(l => l.StartsWith("| ") && !l.StartsWith("| measure")).Select(l => (IReadOnlyList<string>)l.Trim('|', ' ', '\r').Split(" | ")).ToList();
        report.Table(["measure", "value"], rows);
    }
}
