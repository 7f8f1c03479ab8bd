using System.Diagnostics;
using System.Text.Json;
using Vae.Data;
using Vae.IO;
using Vae.Models;
using Vae.Objectives;
using Vae.Runs;
using Vae.Training;
using static TorchSharp.torch;

namespace Vae.Applications.Physics;

/// <summary>Runs <see cref="IsingExperimentOptions"/>: simulation validation, then simulate → train → analyse per size.</summary>
public static class IsingExperiment
{
    /// <summary>
    /// Writes data-L{L}/ (the data set), vae-L{L}/ (the model folder) and analysis-L{L}.json per size,
    /// and validation.json, into <paramref name="directory"/>.
    /// </summary>
    public static IsingExperimentResult Run(IsingExperimentOptions o, string directory, Device device,
        Action<string>? log = null, Func<string, int, IProgress<int>?>? progress = null, ITrainingObserver? observer = null, CancellationToken cancel = default)
    {
        var started = DateTimeOffset.UtcNow;
        var total = Stopwatch.StartNew();
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        Directory.CreateDirectory(directory);
        int validationSize = o.Sizes.Max();

        log?.Invoke($"Validating the simulation against exact results at L = {validationSize} …");
        var clock = Stopwatch.StartNew();
        var wolff = Validate(o, validationSize, IsingAlgorithm.Wolff, o.ValidationTemperatures, progress, cancel);
        var metropolis = Validate(o, validationSize, IsingAlgorithm.Metropolis, o.MetropolisValidationTemperatures, progress, cancel);
        double validationSeconds = clock.Elapsed.TotalSeconds;
        AtomicFile.WriteAllText(Path.Combine(directory, "validation.json"), JsonSerializer.Serialize(new { wolff, metropolis }, Json.Pretty));

        var sizes = new List<IsingExperimentResult.SizeRun>();
        foreach (int size in o.Sizes)
        {
            string data = Path.Combine(directory, $"data-L{size}"), model = Path.Combine(directory, $"vae-L{size}");
            log?.Invoke($"L = {size}: simulating {o.Temperatures.Count} temperatures × {o.Samples} configurations …");
            clock.Restart();
            var simOptions = new IsingSimulationOptions { Size = size, Temperatures = o.Temperatures, Samples = o.Samples, Algorithm = o.Algorithm, Seed = o.Seed };
            var simulation = IsingSimulator.Run(simOptions, progress?.Invoke($"simulating L = {size}", o.Samples * o.Temperatures.Count), cancel);
            IsingDataset.Write(data, simulation);
            var summaries = simulation.Summaries();
            double simSeconds = clock.Elapsed.TotalSeconds;

            log?.Invoke($"L = {size}: training the VAE ({o.Epochs} epochs) …");
            clock.Restart();
            var config = TrainingConfig(o, data, simOptions.TrainCount * o.Temperatures.Count);
            TrainingResult trained;
            using (var trainer = Trainer.Start(config, model, device, overwrite: true)) trained = trainer.Run(observer, cancel);
            if (trained.Outcome == TrainingOutcome.Interrupted) throw new OperationCanceledException($"Interrupted while training {model} (its checkpoint is kept); run the experiment again to start over.");
            double trainSeconds = clock.Elapsed.TotalSeconds;

            log?.Invoke($"L = {size}: analysing …");
            clock.Restart();
            using var loaded = ModelFolder.Load(model, device);
            var (test, examples) = IsingDataset.Load(data, "test");
            var (train, _) = IsingDataset.Load(data, "train");
            var analysis = PhaseTransitionAnalysis.Analyse(loaded.Model, test, examples, train, device, o.Analysis with { Seed = o.Seed });
            AtomicFile.WriteAllText(Path.Combine(directory, $"analysis-L{size}.json"), JsonSerializer.Serialize(analysis, Json.Pretty));
            sizes.Add(new IsingExperimentResult.SizeRun(size, data, model, train.Count, test.Count,
                summaries.Max(s => s.Tau), summaries.Max(s => s.SweepsBetweenSamples), summaries.All(s => s.Equilibrated), simSeconds,
                trained.Metrics, trained.State.BestEpoch > 0 ? trained.State.BestEpoch : trained.State.Epoch, trainSeconds, analysis, clock.Elapsed.TotalSeconds));
        }
        return new IsingExperimentResult
        {
            Options = o, ValidationSize = validationSize, WolffValidation = wolff, MetropolisValidation = metropolis, Sizes = sizes,
            ValidationSeconds = validationSeconds, Started = started, TotalSeconds = total.Elapsed.TotalSeconds,
            CpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds,
        };
    }

    /// <summary>The training run for one data folder: the MLP VAE of the options, Bernoulli on the 0/1 spins.</summary>
    public static RunConfig TrainingConfig(IsingExperimentOptions o, string dataDirectory, int trainCount) => new()
    {
        Model = new ModelOptions { Network = new MlpNetwork { Hidden = o.Hidden }, Latent = o.Latent, Likelihood = Distributions.LikelihoodKind.Bernoulli },
        Data = new DataOptions { Source = DataSources.MnistSource(dataDirectory), Binarize = BinarizeMode.None, ValidationSize = (int)Math.Round(trainCount * o.ValidationFraction) },
        Objective = ObjectiveOptions.Elbo,
        Training = TrainingOptions.Default with { Epochs = o.Epochs, BatchSize = o.BatchSize, LearningRate = o.LearningRate, Seed = o.Seed },
    };

    static IReadOnlyList<TemperatureSummary> Validate(IsingExperimentOptions o, int size, IsingAlgorithm algorithm, IReadOnlyList<double> temperatures,
        Func<string, int, IProgress<int>?>? progress, CancellationToken cancel)
    {
        if (temperatures.Count == 0) return [];
        var options = new IsingSimulationOptions { Size = size, Temperatures = temperatures, Samples = o.ValidationSamples, Algorithm = algorithm, Seed = o.Seed + 1000 };
        return IsingSimulator.Run(options, progress?.Invoke($"validating {algorithm.ToString().ToLowerInvariant()} at L = {size}", options.Samples * temperatures.Count), cancel).Summaries();
    }
}
