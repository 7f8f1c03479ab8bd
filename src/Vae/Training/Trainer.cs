using System.Diagnostics;
using TorchSharp;
using Vae.Data;
using Vae.Evaluation;
using Vae.Models;
using Vae.Objectives;
using static TorchSharp.torch;

namespace Vae.Training;

/// <summary>
/// Trains a model with Adam, checkpointing its folder atomically after every epoch (and when
/// interrupted), keeping the best weights on validation, and stopping on a NaN with a diagnosis.
/// A run is deterministic given its seed: weights, batch order and every random draw come from
/// seeded generators whose states are saved, so a resumed run continues exactly.
/// </summary>
public sealed class Trainer : IDisposable
{
    private readonly string directory;
    private readonly Device device;
    private readonly VaeModel model;
    private readonly VaeModel? best;       // best weights on validation (only with a validation split)
    private readonly TorchSharp.Modules.Adam optimizer;
    private readonly Objective objective;
    private readonly BatchStream batches;
    private readonly Dataset? validation;  // binarized once when the training data is binarized
    private readonly Generator shuffle;    // batch order (CPU)
    private readonly Generator noise;      // ε and dynamic binarization (on the device)
    private readonly bool binarizeBatches;
    private readonly List<EpochMetrics> metrics;
    private RunConfig config;
    private TrainingState state;

    private Trainer(RunConfig config, string directory, Device device, DataSplits data, TrainingState? resumeFrom, IReadOnlyList<EpochMetrics> metrics,
        Action<VaeModel>? initialize = null)
    {
        this.config = config;
        this.directory = directory;
        this.device = device;
        var t = config.Training;
        binarizeBatches = config.Data.Binarize == BinarizeMode.Dynamic;
        var train = config.Data.Binarize == BinarizeMode.Static ? data.Train.Binarized(config.Data.SplitSeed) : data.Train;
        validation = data.Validation is { } v ? EvaluationData.Validation(config, v) : null;

        model = new VaeModel(config.Model, t.Seed);
        initialize?.Invoke(model);
        best = validation is null ? null : new VaeModel(config.Model, t.Seed);
        if (resumeFrom is not null)
        {
            ModelFolder.LoadWeights(model, directory, resumeFrom.ResumeWeights, resumeFrom);
            if (best is not null) ModelFolder.LoadWeights(best, directory, ModelFolder.ModelFile, resumeFrom);
        }
        model.to(device);
        best?.to(device);
        optimizer = optim.Adam(model.parameters(), lr: t.LearningRate);
        if (resumeFrom is not null) ModelFolder.LoadOptimizer(optimizer, directory, resumeFrom);
        objective = new Objective(config.Objective);
        batches = new BatchStream(train, device, t.BatchSize);

        shuffle = new Generator((ulong)t.Seed + 1_000_003UL);
        noise = new Generator((ulong)t.Seed + 2_000_003UL, device);
        state = resumeFrom ?? new TrainingState { LearningRate = t.LearningRate, ShuffleRng = Rng.Save(shuffle), NoiseRng = Rng.Save(noise) };
        Rng.Restore(shuffle, state.ShuffleRng);
        Rng.Restore(noise, state.NoiseRng);
        SetLearningRate(state.LearningRate);
        this.metrics = metrics.ToList();
    }

    /// <summary>
    /// Starts a new run whose model folder will be <paramref name="directory"/>. The data comes from
    /// <c>config.Data</c>, or from <paramref name="data"/> when given (then pass the same data to <see cref="Resume"/>).
    /// <paramref name="initialize"/> may set the initial weights (fine-tuning a pruned model, say).
    /// </summary>
    public static Trainer Start(RunConfig config, string directory, Device device, bool overwrite = false, DataSplits? data = null,
        Action<VaeModel>? initialize = null)
    {
        if (!overwrite && File.Exists(Path.Combine(directory, ModelFolder.ConfigFile)))
            throw new VaeException($"{directory}: already holds a model; continue it with --resume {directory}, or pass --overwrite to start afresh.");
        data ??= DataSources.Load(config.Data);
        config = Resolve(config, data);
        return new Trainer(config, directory, device, data, null, [], initialize);
    }

    /// <summary>Continues the run in <paramref name="directory"/>; <paramref name="epochs"/> may extend it.</summary>
    public static Trainer Resume(string directory, Device device, int? epochs = null, DataSplits? data = null)
    {
        var config = ModelFolder.ReadConfig(directory);
        var state = ModelFolder.ReadState(directory);
        if (epochs is int e)
        {
            if (e < state.Epoch) throw new VaeException($"--epochs {e}: the run in {directory} has already completed {state.Epoch} epochs.");
            config = config with { Training = config.Training with { Epochs = e } };
            state = state with { Finished = state.Epoch >= e };
        }
        data ??= DataSources.Load(config.Data);
        if (data.Shape != config.Model.Input)
            throw new VaeException($"{directory}: the model expects inputs of {config.Model.Input} but {config.Data.Source} now gives {data.Shape}.");
        return new Trainer(config, directory, device, data, state, ModelFolder.ReadMetrics(directory));
    }

    public RunConfig Config => config;
    public VaeModel Model => model;
    public TrainingState State => state;

    /// <summary>Trains until the configured number of epochs, early stopping, or cancellation (which checkpoints mid-epoch).</summary>
    public TrainingResult Run(ITrainingObserver? observer = null, CancellationToken cancel = default)
    {
        var t = config.Training;
        if (state.Finished || state.StoppedEarly)
        {
            observer?.OnMessage(state.StoppedEarly
                ? $"This run stopped early at epoch {state.Epoch} (best epoch {state.BestEpoch}); nothing to do."
                : $"This run has finished its {state.Epoch} epochs; pass --epochs N (more than {state.Epoch}) to train further.");
            return new TrainingResult(state.StoppedEarly ? TrainingOutcome.StoppedEarly : TrainingOutcome.Finished, state, metrics);
        }
        foreach (var warning in objective.Check(Clock(t.Epochs * (long)batches.BatchesPerEpoch))) observer?.OnMessage(warning);
        observer?.OnStart(new TrainingStart(state.Epoch + 1, t.Epochs, batches.BatchesPerEpoch, batches.Count, validation?.Count,
            model.parameters().Sum(p => p.numel()), device.ToString(), state.BatchInEpoch));
        model.train();
        while (state.Epoch < t.Epochs && !state.StoppedEarly)
        {
            if (!RunEpoch(observer, cancel))
            {
                Save();
                return new TrainingResult(TrainingOutcome.Interrupted, state, metrics);
            }
            EndEpoch(observer);
        }
        state = state with { Finished = !state.StoppedEarly };
        Save();
        return new TrainingResult(state.StoppedEarly ? TrainingOutcome.StoppedEarly : TrainingOutcome.Finished, state, metrics);
    }

    // Returns false when cancelled before the epoch's last batch (the state then records the position).
    private bool RunEpoch(ITrainingObserver? observer, CancellationToken cancel)
    {
        int epoch = state.Epoch + 1, total = batches.BatchesPerEpoch;
        Rng.Restore(shuffle, state.ShuffleRng);       // the epoch's order is regenerated from its start state
        using var order = batches.Shuffle(shuffle);
        var sums = state.EpochSums.ToArray();           // loss·n, log p(x|z), KL, n
        var clock = Stopwatch.StartNew();
        double secondsBefore = state.EpochSeconds;
        long step = state.Step;
        for (int b = state.BatchInEpoch; b < total; b++)
        {
            using (var scope = NewDisposeScope())
            {
                var batch = batches.Batch(order, b);
                if (binarizeBatches) batch = batch with { X = batch.X.bernoulli(noise) };
                var terms = model.Terms(batch, noise);
                var loss = objective.Loss(terms, objective.KlWeight(Clock(step)));
                long n = batch.Size;
                var values = stack([loss * n, terms.LogLikelihood.sum(), terms.Kl.sum()]).to(ScalarType.Float64).cpu().data<double>().ToArray();
                if (!values.All(double.IsFinite)) throw Diverged(values, epoch, b, step);
                optimizer.zero_grad();
                loss.backward();
                optimizer.step();
                step++;
                sums[0] += values[0]; sums[1] += values[1]; sums[2] += values[2]; sums[3] += n;
            }
            double seconds = secondsBefore + clock.Elapsed.TotalSeconds;
            observer?.OnBatch(new BatchProgress(epoch, config.Training.Epochs, b + 1, total,
                sums[0] / sums[3], -sums[1] / sums[3], sums[2] / sums[3], sums[3] / Math.Max(seconds, 1e-9)));
            if (cancel.IsCancellationRequested && b + 1 < total)
            {
                state = state with { BatchInEpoch = b + 1, Step = step, EpochSums = sums, EpochSeconds = seconds, NoiseRng = Rng.Save(noise) };
                observer?.OnMessage($"Interrupted at epoch {epoch}, batch {b + 1}/{total}; checkpoint written to {directory}. Continue with: vae train --resume {directory}");
                return false;
            }
        }
        state = state with { BatchInEpoch = total, Step = step, EpochSums = sums, EpochSeconds = secondsBefore + clock.Elapsed.TotalSeconds };
        return true;
    }

    private void EndEpoch(ITrainingObserver? observer)
    {
        var t = config.Training;
        int epoch = state.Epoch + 1;
        var s = state.EpochSums;
        ElboEstimate? val = validation is null ? null : ElboEstimator.Estimate(model, validation, device, seed: EvaluationData.ValidationSeed(config.Data));
        bool isBest = val is not null && (state.BestValElbo is null || val.Elbo > state.BestValElbo);
        if (isBest) best!.load_state_dict(model.state_dict());
        int sinceBest = isBest ? 0 : state.EpochsSinceImprovement + 1;
        var m = new EpochMetrics
        {
            Epoch = epoch, Step = state.Step, LearningRate = state.LearningRate, KlWeight = objective.KlWeight(Clock(state.Step - 1)),
            TrainLoss = s[0] / s[3], TrainElbo = (s[1] - s[2]) / s[3], TrainReconstruction = -s[1] / s[3], TrainKl = s[2] / s[3],
            ValElbo = val?.Elbo, ValReconstruction = val?.Reconstruction, ValKl = val?.Kl,
            Seconds = state.EpochSeconds, SamplesPerSecond = s[3] / Math.Max(state.EpochSeconds, 1e-9),
        };
        metrics.Add(m);
        bool stop = val is not null && t.EarlyStoppingPatience is int patience && sinceBest >= patience;
        state = state with
        {
            Epoch = epoch, BatchInEpoch = 0, EpochSums = [0, 0, 0, 0], EpochSeconds = 0,
            BestValElbo = isBest ? val!.Elbo : state.BestValElbo, BestEpoch = isBest ? epoch : state.BestEpoch,
            EpochsSinceImprovement = sinceBest, StoppedEarly = stop,
            LearningRate = NextLearningRate(epoch, sinceBest, observer),
            ShuffleRng = Rng.Save(shuffle), NoiseRng = Rng.Save(noise),
        };
        SetLearningRate(state.LearningRate);
        Save();
        observer?.OnEpoch(m, isBest);
        if (stop) observer?.OnMessage($"Early stopping: no improvement of the validation ELBO for {sinceBest} epochs; keeping epoch {state.BestEpoch} (ELBO {state.BestValElbo:F2}).");
    }

    private TrainingClock Clock(long step) =>
        new(step, batches.BatchesPerEpoch, (long)config.Training.Epochs * batches.BatchesPerEpoch);

    private double NextLearningRate(int epoch, int sinceBest, ITrainingObserver? observer)
    {
        var t = config.Training;
        double lr = t.LrSchedule switch
        {
            LrSchedule.Step => t.LearningRate * Math.Pow(t.LrGamma, epoch / t.LrStepEpochs),
            LrSchedule.Plateau when validation is not null && sinceBest > 0 && sinceBest % t.LrPatience == 0 => state.LearningRate * t.LrGamma,
            _ => state.LearningRate,
        };
        if (lr != state.LearningRate) observer?.OnMessage($"Learning rate {state.LearningRate:G3} -> {lr:G3}.");
        return lr;
    }

    private void SetLearningRate(double lr)
    {
        foreach (var group in optimizer.ParamGroups) group.LearningRate = lr;
    }

    private void Save()
    {
        bool lastIsBest = best is null || state.BestEpoch == state.Epoch && state.BatchInEpoch == 0;
        ModelFolder.Write(directory, new Checkpoint(config, best is null || lastIsBest ? model : best, lastIsBest ? null : model, optimizer, state, metrics));
    }

    private TrainingDivergedException Diverged(double[] values, int epoch, int batch, long step)
    {
        string term = !double.IsFinite(values[1]) ? "the reconstruction term log p(x|z)"
            : !double.IsFinite(values[2]) ? "the KL term" : "the loss";
        string kept = state.Epoch > 0 || File.Exists(Path.Combine(directory, ModelFolder.ConfigFile))
            ? $"the last good checkpoint in {directory} (epoch {state.Epoch}) is intact"
            : "no checkpoint had been written yet";
        var last = metrics.LastOrDefault();
        string lastGood = last is null ? "" : $" Last finite epoch means: reconstruction {last.TrainReconstruction:F3}, KL {last.TrainKl:F3}.";
        return new TrainingDivergedException(
            $"Training diverged: {term} became {Describe(values[term == "the KL term" ? 2 : term == "the loss" ? 0 : 1])} at epoch {epoch}, batch {batch + 1} (step {step + 1}); "
            + $"{kept}.{lastGood} Try a lower --lr or a floored likelihood.");
    }

    private static string Describe(double v) => double.IsNaN(v) ? "NaN" : v > 0 ? "+infinity" : "-infinity";

    /// <summary>Fills in what the data decides: the input shape and the binarization mode.</summary>
    public static RunConfig Resolve(RunConfig config, DataSplits data)
    {
        var binarize = config.Data.Binarize;
        if (binarize == BinarizeMode.Auto)
            binarize = config.Model.Likelihood == Distributions.LikelihoodKind.Bernoulli && data.Train.IsUnitInterval ? BinarizeMode.Dynamic : BinarizeMode.None;
        if (binarize != BinarizeMode.None && !data.Train.IsUnitInterval)
            throw new VaeException($"--binarize {binarize.ToString().ToLowerInvariant()}: the data has values outside [0, 1]; use --binarize none.");
        if (config.Model.Likelihood == Distributions.LikelihoodKind.Bernoulli && !data.Train.IsUnitInterval)
            throw new VaeException("--likelihood bernoulli needs data in [0, 1]; this data has other values (use a Gaussian likelihood).");
        var model = config.Model with { Input = data.Shape };
        var dataOptions = config.Data with { Binarize = binarize };
        if (data.Train.Vocabulary is { } vocabulary)
        {
            dataOptions = dataOptions with { Vocabulary = [.. vocabulary] };
            if (model.Likelihood == Distributions.LikelihoodKind.Categorical) model = model with { Classes = vocabulary.Count };
        }
        if (model.Likelihood == Distributions.LikelihoodKind.Categorical) CheckClasses(data.Train, model.Classes);
        if (model.PropertyHead is not null)
        {
            if (data.Train.Targets is null) throw new VaeException("a property head needs regression targets per example (--property <names>); the data has none.");
            var (mean, scale) = Standardization(data.Train);
            model = model with { Properties = mean.Length, PropertyMean = mean, PropertyScale = scale };
        }
        return config with { Model = model, Data = dataOptions };
    }

    // Token data: every value an integer id below the number of classes.
    static void CheckClasses(Dataset train, int classes)
    {
        if (classes < 2) throw new VaeException("the categorical likelihood needs token data with a vocabulary (e.g. --data smiles:<file>).");
        int bad = Array.FindIndex(train.Features, v => v < 0 || v >= classes || v != MathF.Floor(v));
        if (bad >= 0) throw new VaeException($"{train.Name}: value {train.Features[bad]} is not a class id in 0..{classes - 1}.");
    }

    // Mean and standard deviation of each target over the training examples where it is known (scale 1 when constant).
    static (double[] Mean, double[] Scale) Standardization(Dataset train)
    {
        int p = train.TargetSize;
        var mean = new double[p];
        var scale = new double[p];
        for (int j = 0; j < p; j++)
        {
            var known = Enumerable.Range(0, train.Count).Select(i => (double)train.Targets![i * p + j]).Where(double.IsFinite).ToArray();
            if (known.Length == 0) throw new VaeException($"{train.Name}: target {train.TargetNames?[j] ?? j.ToString()} has no known value in the training data.");
            mean[j] = known.Average();
            double sd = Math.Sqrt(known.Sum(v => (v - mean[j]) * (v - mean[j])) / Math.Max(1, known.Length - 1));
            scale[j] = sd > 0 ? sd : 1;
        }
        return (mean, scale);
    }

    public void Dispose()
    {
        model.Dispose();
        best?.Dispose();
        optimizer.Dispose();
        batches.Dispose();
        shuffle.Dispose();
        noise.Dispose();
    }
}
