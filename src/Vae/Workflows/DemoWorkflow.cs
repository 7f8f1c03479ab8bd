using Vae.Data;
using Vae.Evaluation;
using Vae.IO;
using Vae.Models;
using Vae.Reporting;
using Vae.Runs;
using Vae.Training;
using Vae.Workflows.Reports;
using static TorchSharp.torch;

namespace Vae.Workflows;

/// <summary>What the demo is asked to do: where to write, how long to train, how hard to estimate log p(x).</summary>
public sealed record DemoOptions
{
    /// <summary>Folder for the model, the pictures, summary.md and report.html.</summary>
    public string Out { get; init; } = "demo-output";

    /// <summary>Training epochs (10 is the reference protocol).</summary>
    public int Epochs { get; init; } = 10;

    /// <summary>Importance samples per example for log p(x).</summary>
    public int K { get; init; } = 1000;

    /// <summary>The first N test images get log p(x).</summary>
    public int N { get; init; } = 1000;
}

/// <summary>A picture the demo wrote (a file name in the output folder) and its caption in the report.</summary>
public sealed record DemoPicture(string File, string Caption);

/// <summary>What the demo measured and wrote.</summary>
/// <param name="Elbo">The test ELBO over all test images.</param>
/// <param name="ElboFirstN">The test ELBO over the first <paramref name="N"/> test images.</param>
/// <param name="Nll">-log p(x) of the first <paramref name="N"/> test images, mean, K importance samples.</param>
/// <param name="Summary">The Markdown written to summary.md.</param>
public sealed record DemoResult(string Out, string ModelDir, ElboEstimate Elbo, ElboEstimate ElboFirstN, double Nll, int N, int K,
    IReadOnlyList<EpochMetrics> Metrics, IReadOnlyList<DemoPicture> Pictures, string Summary);

/// <summary>Where the demo reports as it goes: one line per step, notes, training progress and a count of examples for log p(x).</summary>
public sealed record DemoReporting(Action<string> Step, TextWriter Notes, ITrainingObserver Training, Func<string, int, IProgress<int>?> Count);

/// <summary>
/// The whole workflow on Fashion-MNIST: train the reference VAE (or resume it), evaluate it (ELBO on the test
/// split, log p(x) by importance sampling on its first N images), draw samples, reconstructions,
/// interpolations, training curves and the latent space, and write a summary and an HTML report.
/// </summary>
public static class DemoWorkflow
{
    /// <summary>Runs the demo; null when training was interrupted (the checkpoint is written: run again to resume).</summary>
    public static DemoResult? Run(DemoOptions options, Device device, DemoReporting report, CancellationToken cancel = default)
    {
        DebianPackages.Ensure("dataset-fashion-mnist", DataSources.FashionMnistDirectory, report.Notes);
        string modelDir = Path.Combine(options.Out, "model");
        var config = Config(options);

        report.Step($"[1/4] Training the reference VAE (MLP 784-400-20, ReLU, Bernoulli, dynamic binarization, Adam 1e-3, batch 128) on all 60,000 Fashion-MNIST training images for {options.Epochs} epochs.");
        using (var trainer = File.Exists(Path.Combine(modelDir, ModelFolder.StateFile))
                   ? Trainer.Resume(modelDir, device, options.Epochs)
                   : Trainer.Start(config, modelDir, device))
        {
            var result = trainer.Run(report.Training, cancel);
            if (result.Outcome == TrainingOutcome.Interrupted) return null;
        }

        using var loaded = ModelFolder.Load(modelDir, device);
        var model = loaded.Model;
        var test = EvaluationData.LoadTest(loaded.Config);
        report.Step($"[2/4] Evaluating on the 10,000 test images (binarized once, seed {EvaluationData.TestSeed(loaded.Config.Data)}); log p(x) with K = {options.K} on the first {Math.Min(options.N, test.Count)}.");
        var elbo = ElboEstimator.Estimate(model, test, device);
        var firstN = test.Take(options.N);
        var evaluation = ModelEvaluator.Evaluate(model, firstN, device, options.K, seed: 0, progress: report.Count($"log p(x), K={options.K}", firstN.Count));
        var elboFirstN = new ElboEstimate(evaluation.Elbo, evaluation.Reconstruction, evaluation.Kl, evaluation.N, evaluation.KlPerDim, evaluation.KlLibrary);
        double nll = evaluation.Nll!.Value;

        report.Step("[3/4] Drawing pictures.");
        var pictures = WritePictures(options.Out, modelDir, model, loaded, test, device);

        report.Step("[4/4] Writing the summary and the report (the page of `vae report`, with this evaluation).");
        var metrics = ModelFolder.ReadMetrics(modelDir);
        string summary = DemoSummary.Markdown(loaded.Config, metrics, elbo, elboFirstN, nll, firstN.Count, options.K);
        AtomicFile.WriteAllText(Path.Combine(options.Out, "summary.md"), summary);
        ModelReport.Build(modelDir, device, new ModelReportOptions
        {
            Title = "VAE demo: Fashion-MNIST",
            Budget = ReportBudget.Default with { K = options.K, EvalExamples = options.N },
            Preface = page => DemoSummary.Preface(page, summary),
            Evaluation = (evaluation, $"The demo's evaluation: the first {firstN.Count:N0} test images (binarized once); ELBO terms at one sample per image, NLL = −log p(x) by importance sampling with K = {options.K} (seed 1)."),
        }).Save(Path.Combine(options.Out, "report.html"));
        return new DemoResult(options.Out, modelDir, elbo, elboFirstN, nll, firstN.Count, options.K, metrics, pictures, summary);
    }

    /// <summary>The run the demo trains: the reference model on all Fashion-MNIST training images (throws ArgumentOutOfRangeException naming a bad field).</summary>
    public static RunConfig Config(DemoOptions options) => new()
    {
        Data = DataOptions.FashionMnist with { ValidationSize = 0 },
        Training = TrainingOptions.Default with { Epochs = options.Epochs },
    };

    static List<DemoPicture> WritePictures(string outDir, string modelDir, VaeModel model, LoadedModel loaded, Dataset test, Device device)
    {
        var shape = loaded.Config.Model.Input;
        string P(string f) => Path.Combine(outDir, f);
        ImageGrid.Save(P("samples.png"), Generation.Sample(model, 64, device, seed: 0), shape, 8);
        var first = test.Take(16);
        ImageGrid.Save(P("recon.png"), ReconstructionGrid.Interleave(first.Features, Generation.Reconstruct(model, first, device), first.Dimension, 16), shape, 16);
        var interpolations = new List<float>();
        foreach (var (a, b) in new[] { (0, 1), (2, 3), (4, 5) })
            interpolations.AddRange([.. test.Row(a), .. Generation.Interpolate(model, test.Row(a), test.Row(b), 10, device), .. test.Row(b)]);
        ImageGrid.Save(P("interp.png"), interpolations.ToArray(), shape, 12);
        Plots.TrainingCurves(P("curves.png"), ModelFolder.ReadMetrics(modelDir), RunPlots.Describe(loaded.Config));
        RunPlots.LatentScatter(P("latent.png"), model, test.Take(5000), device);
        var (mean, std) = Generation.Encode(model, test, device);
        AtomicFile.WriteAllText(P("latents.csv"), LatentTable.ToCsv(mean, std, model.Latent, test.Labels));
        return
        [
            new("samples.png", "64 samples: decoded means E[x|z] for z ~ N(0, I)"),
            new("recon.png", "Test images (odd rows) and their reconstructions E[x|z = mu(x)] (even rows)"),
            new("interp.png", "Linear paths in latent space between pairs of test images (the inputs at both ends)"),
            new("curves.png", "Training curves"),
            new("latent.png", "Latent means of 5,000 test images, first two principal components, coloured by class"),
        ];
    }
}
