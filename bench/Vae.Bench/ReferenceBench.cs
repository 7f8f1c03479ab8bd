using System.Globalization;
using System.Text;
using Vae.Data;
using Vae.Evaluation;
using Vae.Runs;
using Vae.Training;
using static TorchSharp.torch;

namespace Vae.Bench;

/// <summary>
/// The reference model on Fashion-MNIST under the published protocol: dynamic binarization, all
/// 60,000 training images, 10 epochs; test −ELBO and NLL (K = 1000 on the first 1000 test images, and
/// K = 5000 on all 10,000), the test set binarized once with a fixed seed.
/// </summary>
public static class ReferenceBench
{
    public static string Run(int epochs, int seed, string command, string modelDir)
    {
        var config = new RunConfig
        {
            Data = DataOptions.FashionMnist with { ValidationSize = 0 },
            Training = TrainingOptions.Default with { Epochs = epochs, Seed = seed },
        };
        using (var trainer = Trainer.Start(config, modelDir, CPU, overwrite: true)) trainer.Run();
        using var loaded = ModelFolder.Load(modelDir, CPU);
        var test = EvaluationData.LoadTest(loaded.Config);
        var first = test.Take(1000);
        var elboAll = ElboEstimator.Estimate(loaded.Model, test, CPU);
        var elboFirst = ElboEstimator.Estimate(loaded.Model, first, CPU);
        var nll1000 = -MarginalLikelihood.Estimate(loaded.Model, first, CPU, 1000, seed: 1).Average();
        Console.Error.WriteLine($"-ELBO {-elboAll.Elbo:F2}, first 1000: -ELBO {-elboFirst.Elbo:F2}, NLL(K=1000) {nll1000:F2}; now K=5000 on all 10,000 …");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var nll5000 = -MarginalLikelihood.Estimate(loaded.Model, test, CPU, 5000, seed: 2).Average();
        double evalSeconds = clock.Elapsed.TotalSeconds;
        var metrics = ModelFolder.ReadMetrics(modelDir);

        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine("# Reference model on Fashion-MNIST");
        sb.AppendLine();
        sb.AppendLine(string.Create(inv, $"Measured {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC with `{command}`."));
        sb.AppendLine();
        sb.AppendLine($"Machine: {Machine.Describe()}.");
        sb.AppendLine();
        sb.AppendLine(string.Create(inv, $"Model: MLP 784-400-20, ReLU, Bernoulli likelihood, diagonal Gaussian posterior, N(0, I) prior. Adam 1e-3, batch 128, {epochs} epochs on all 60,000 training images with dynamic binarization (a fresh Bernoulli draw per batch), training seed {seed}. "
            + $"The test set is binarized once with seed {EvaluationData.TestSeed(loaded.Config.Data)}. Numbers in nats per image."));
        sb.AppendLine();
        sb.AppendLine("| measure | this toolkit | PyTorch, same model (given in the issue, measured on this machine) |");
        sb.AppendLine("|---|---|---|");
        sb.AppendLine(string.Create(inv, $"| test −ELBO, first 1000 images | {-elboFirst.Elbo:F2} | 242.9 |"));
        sb.AppendLine(string.Create(inv, $"| test NLL, K = 1000, first 1000 images | {nll1000:F2} | 238.8 |"));
        sb.AppendLine(string.Create(inv, $"| test −ELBO, all 10,000 images | {-elboAll.Elbo:F2} | |"));
        sb.AppendLine(string.Create(inv, $"| test NLL, K = 5000, all 10,000 images | {nll5000:F2} | |"));
        sb.AppendLine(string.Create(inv, $"| test reconstruction −E[log p(x\\|z)], all | {elboAll.Reconstruction:F2} | |"));
        sb.AppendLine(string.Create(inv, $"| test KL, all | {elboAll.Kl:F2} | |"));
        sb.AppendLine(string.Create(inv, $"| final training −ELBO (epoch {metrics.Count}) | {-metrics[^1].TrainElbo:F2} | |"));
        sb.AppendLine();
        sb.AppendLine(string.Create(inv, $"Training took {metrics.Sum(m => m.Seconds):F1} s ({metrics.Skip(1).Average(m => m.SamplesPerSecond):N0} images/s after the first epoch); the K = 5000 evaluation of 10,000 images took {evalSeconds:F0} s ({10000.0 * 5000 / evalSeconds:N0} samples/s)."));
        return sb.ToString();
    }
}
