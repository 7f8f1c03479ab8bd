using System.ComponentModel;
using System.Globalization;
using System.Text;
using Spectre.Console.Cli;
using Vae.Data;
using Vae.Evaluation;
using Vae.IO;
using Vae.Models;
using Vae.Reporting;
using Vae.Training;

namespace Vae.Cli.Commands;

public sealed class DemoSettings : CommonSettings
{
    [CommandOption("--out <DIR>")]
    [Description("Folder for the model, pictures and summary (default demo-output).")]
    [DefaultValue("demo-output")]
    public string Out { get; init; } = "demo-output";

    [CommandOption("--epochs <N>")]
    [Description("Training epochs (default 10, the reference protocol).")]
    [DefaultValue(10)]
    public int Epochs { get; init; } = 10;

    [CommandOption("-k <K>")]
    [Description("Importance samples for log p(x) (default 1000). Also --k.")]
    [DefaultValue(1000)]
    public int K { get; init; } = 1000;

    [CommandOption("-n <N>")]
    [Description("Test images for log p(x) (default 1000, the first ones). Also --n.")]
    [DefaultValue(1000)]
    public int N { get; init; } = 1000;
}

[Description("The whole workflow on Fashion-MNIST: train the reference VAE, evaluate it, draw samples, reconstructions, interpolations and the latent space, write a summary and an HTML report.")]
public sealed class DemoCommand(CliConsole console) : Command<DemoSettings>
{
    // A PyTorch implementation of the same model and protocol, measured on this machine (see docs/results/reference-model.md).
    const double ReferenceNegElbo = 242.9, ReferenceNll = 238.8;

    public override int Execute(CommandContext context, DemoSettings s, CancellationToken cancel)
    {
        if (s.K < 1) throw new VaeException($"--k {s.K}: must be ≥ 1.");
        if (s.N < 1) throw new VaeException($"--n {s.N}: must be ≥ 1.");
        var device = s.Setup();
        DebianPackages.Ensure("dataset-fashion-mnist", DataSources.FashionMnistDirectory, console.Err);
        string modelDir = Path.Combine(s.Out, "model");
        var config = TrainSettings.Guard(() => new RunConfig
        {
            Data = DataOptions.FashionMnist with { ValidationSize = 0 },
            Training = TrainingOptions.Default with { Epochs = s.Epochs },
        });

        console.WriteLine($"[1/4] Training the reference VAE (MLP 784-400-20, ReLU, Bernoulli, dynamic binarization, Adam 1e-3, batch 128) on all 60,000 Fashion-MNIST training images for {s.Epochs} epochs.");
        using (var trainer = File.Exists(Path.Combine(modelDir, ModelFolder.StateFile))
                   ? Trainer.Resume(modelDir, device, s.Epochs)
                   : Trainer.Start(config, modelDir, device))
        {
            var result = trainer.Run(console.TrainingProgress(), cancel);
            if (result.Outcome == TrainingOutcome.Interrupted) return ExitCodes.Interrupted;
        }

        using var loaded = ModelFolder.Load(modelDir, device);
        var model = loaded.Model;
        var test = EvaluationData.LoadTest(loaded.Config);
        console.WriteLine($"[2/4] Evaluating on the 10,000 test images (binarized once, seed {EvaluationData.TestSeed(loaded.Config.Data)}); log p(x) with K = {s.K} on the first {Math.Min(s.N, test.Count)}.");
        var elbo = ElboEstimator.Estimate(model, test, device);
        var firstN = test.Take(s.N);
        var progress = console.Count($"log p(x), K={s.K}", firstN.Count, false);
        var logp = MarginalLikelihood.Estimate(model, firstN, device, s.K, seed: 1, progress: progress);
        progress.Done();
        var elboFirstN = ElboEstimator.Estimate(model, firstN, device);
        double nll = -logp.Average();

        console.WriteLine("[3/4] Drawing pictures.");
        var files = WritePictures(s.Out, modelDir, model, loaded, test, device);

        console.WriteLine("[4/4] Writing the summary.");
        var metrics = ModelFolder.ReadMetrics(modelDir);
        string summary = Summary(s, loaded.Config, metrics, elbo, elboFirstN, nll, firstN.Count);
        AtomicFile.WriteAllText(Path.Combine(s.Out, "summary.md"), summary);
        WriteReport(Path.Combine(s.Out, "report.html"), summary, files);
        console.WriteLine();
        console.WriteLine(summary);
        console.WriteLine($"Everything is in {s.Out}/ (report.html shows it all).");
        return ExitCodes.Ok;
    }

    static List<(string File, string Caption)> WritePictures(string outDir, string modelDir, VaeModel model, LoadedModel loaded, Dataset test, TorchSharp.torch.Device device)
    {
        var shape = loaded.Config.Model.Input;
        string P(string f) => Path.Combine(outDir, f);
        ImageGrid.Save(P("samples.png"), Generation.Sample(model, 64, device, seed: 0), shape, 8);
        var first = test.Take(16);
        ImageGrid.Save(P("recon.png"), ReconstructCommand.Interleave(first.Features, Generation.Reconstruct(model, first, device), first.Dimension, 16), shape, 16);
        var interpolations = new List<float>();
        foreach (var (a, b) in new[] { (0, 1), (2, 3), (4, 5) })
            interpolations.AddRange([.. test.Row(a), .. Generation.Interpolate(model, test.Row(a), test.Row(b), 10, device), .. test.Row(b)]);
        ImageGrid.Save(P("interp.png"), interpolations.ToArray(), shape, 12);
        Plots.TrainingCurves(P("curves.png"), ModelFolder.ReadMetrics(modelDir), RunPlots.Describe(loaded.Config));
        RunPlots.LatentScatter(P("latent.png"), model, test.Take(5000), device);
        var (mean, std) = Generation.Encode(model, test, device);
        AtomicFile.WriteAllText(P("latents.csv"), EncodeCommand.ToCsv(mean, std, model.Latent, test.Labels));
        return
        [
            ("samples.png", "64 samples: decoded means E[x|z] for z ~ N(0, I)"),
            ("recon.png", "Test images (odd rows) and their reconstructions E[x|z = mu(x)] (even rows)"),
            ("interp.png", "Linear paths in latent space between pairs of test images (the inputs at both ends)"),
            ("curves.png", "Training curves"),
            ("latent.png", "Latent means of 5,000 test images, first two principal components, coloured by class"),
        ];
    }

    static string Summary(DemoSettings s, RunConfig config, IReadOnlyList<EpochMetrics> metrics, ElboEstimate elbo, ElboEstimate elboFirstN, double nll, int n)
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
        sb.AppendLine(string.Create(inv, $"| test NLL -log p(x), K = {s.K} (first {n}) | {nll:F2} |"));
        sb.AppendLine(string.Create(inv, $"| gap -ELBO - NLL (first {n}) | {-elboFirstN.Elbo - nll:F2} |"));
        sb.AppendLine();
        if (metrics.Count == 10 && s.K == 1000 && n == 1000)
            sb.AppendLine(string.Create(inv, $"Reference: a PyTorch implementation of the same model and protocol, measured on this machine, reaches -ELBO {ReferenceNegElbo} and NLL {ReferenceNll} (K = 1000, first 1000 test images) after 10 epochs."));
        sb.AppendLine(string.Create(inv, $"Training took {metrics.Sum(m => m.Seconds):F0} s ({metrics.Average(m => m.SamplesPerSecond):N0} images/s on average)."));
        return sb.ToString();
    }

    static void WriteReport(string path, string summary, List<(string File, string Caption)> pictures)
    {
        var report = new HtmlReport("VAE demo: Fashion-MNIST");
        foreach (var line in summary.Split('\n').Where(l => l.Length > 0 && !l.StartsWith('#') && !l.StartsWith('|'))) report.Paragraph(line.Trim());
        var rows = summary.Split('\n').Where(l => l.StartsWith("| ") && !l.StartsWith("| measure")).Select(l => (IReadOnlyList<string>)l.Trim('|', ' ', '\r').Split(" | ")).ToList();
        report.Table(["measure", "value"], rows);
        foreach (var (file, caption) in pictures) report.Image(Path.Combine(Path.GetDirectoryName(path)!, file), caption);
        report.Save(path);
    }
}
