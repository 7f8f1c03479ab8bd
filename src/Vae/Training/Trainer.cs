using System.Diagnostics;
using TorchSharp;
using Vae.Data;
using Vae.Distributed;
using Vae.Evaluation;
using Vae.Models;
using Vae.Objectives;
using Vae.Runs;
using static TorchSharp.torch;

namespace Vae.Training;

/// <summary>
/// Trains a model with Adam, checkpointing its folder atomically after every epoch (and when
/// interrupted), keeping the best weights on validation, and stopping on a NaN with a diagnosis.
/// A run is deterministic given its seed: weights, batch order and every random draw come from
/// seeded generators whose states are saved, so a resumed run continues exactly.
/// </summary>
public sealed partial class Trainer : IDisposable
{
    private readonly string directory;
    private readonly Device device;
    private readonly VaeModel model;
    private readonly VaeModel? best;       // best weights on validation (only with a validation split)
    private readonly FlatAdam optimizer;
    private readonly Objective objective;
    private readonly FlatAdam? auxiliaryOptimizer;   // an objective's own network (FactorVAE's discriminator)
    private readonly IBatchSource batches;
    private readonly Dataset? validation;  // binarized once when the training data is binarized
    private readonly Generator shuffle;    // batch order (CPU)
    private readonly Generator noise;      // ε and dynamic binarization (on the device)
    private readonly bool binarizeBatches;
    private readonly List<EpochMetrics> metrics;
    private readonly Communicator ranks;   // the processes of a data-parallel run (Communicator.Single: this one)
    private RunConfig config;
    private TrainingState state;

    private Trainer(RunConfig config, string directory, Device device, DataSplits data, TrainingState? resumeFrom, IReadOnlyList<EpochMetrics> metrics,
        Action<VaeModel>? initialize, Communicator? ranks)
    {
        this.ranks = ranks ?? Communicator.Single;
        CheckDistributable(config, this.ranks);
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
        model.to(device);
        best?.to(device);
        optimizer = new FlatAdam(model.named_parameters(), t.LearningRate);
        batches = data.Stream is { } stream ? new Data.Shards.ShardedBatchStream(stream, device, t.BatchSize, data.StreamRows)
            : data.Streamed is { } streamed ? streamed.Open(device, t.BatchSize)
            : new BatchStream(train, device, t.BatchSize);
        objective = Objective.Create(config.Objective, config.Model, batches.Count, t.Seed);
        if (objective.Auxiliary is { } auxiliary)
        {
            auxiliary.to(device);
            var (lr, beta1, beta2) = objective.AuxiliaryAdam;
            auxiliaryOptimizer = new FlatAdam(auxiliary.named_parameters(), lr, beta1, beta2);
        }
        shuffle = new Generator((ulong)t.Seed + 1_000_003UL);
        noise = new Generator((ulong)t.Seed + 2_000_003UL, device);
        this.metrics = metrics.ToList();
        state = new TrainingState { LearningRate = t.LearningRate, ShuffleRng = Rng.Save(shuffle), NoiseRng = Rng.Save(noise) };
        if (resumeFrom is not null) RestoreFrom(resumeFrom);
        SetLearningRate(state.LearningRate);
        if (this.ranks.IsDistributed) JoinRanks(data);
        StartupTrace.Mark("model built");
    }

    /// <summary>Loads the weights, optimizer, generators and position a checkpoint recorded (resume, or roll back).</summary>
    private void RestoreFrom(TrainingState saved)
    {
        ModelFolder.LoadWeights(model, directory, saved.ResumeWeights, saved);
        if (best is not null) ModelFolder.LoadWeights(best, directory, ModelFolder.ModelFile, saved);
        ModelFolder.LoadOptimizer(optimizer, directory, saved);
        if (objective.Auxiliary is { } auxiliary)
        {
            ModelFolder.LoadWeights(auxiliary, directory, ModelFolder.AuxiliaryFile, saved);
            ModelFolder.LoadOptimizer(auxiliaryOptimizer!, directory, saved, ModelFolder.AuxiliaryOptimizerFile);
        }
        Rng.Restore(shuffle, saved.ShuffleRng);
        Rng.Restore(noise, saved.NoiseRng);
        state = saved;
    }

    /// <summary>
    /// Starts a new run whose model folder will be <paramref name="directory"/>. The data comes from
    /// <c>config.Data</c>, or from <paramref name="data"/> when given (then pass the same data to <see cref="Resume"/>).
    /// <paramref name="initialize"/> may set the initial weights (fine-tuning a pruned model, say).
    /// </summary>
    /// <paramref name="ranks"/>: the processes of a data-parallel run (default: this process alone); see Trainer.Distributed.cs.
    public static Trainer Start(RunConfig config, string directory, Device device, bool overwrite = false, DataSplits? data = null,
        Action<VaeModel>? initialize = null, Communicator? ranks = null)
    {
        if (!overwrite && File.Exists(Path.Combine(directory, ModelFolder.ConfigFile)))
            throw new VaeException($"{directory}: already holds a model; continue it with --resume {directory}, or pass --overwrite to start afresh.");
        data ??= DataSources.Load(config.Data);
        StartupTrace.Mark("data loaded");
        config = Resolve(config, data);
        return new Trainer(config, directory, device, data, null, [], initialize, ranks);
    }

    /// <summary>Continues the run in <paramref name="directory"/>; <paramref name="epochs"/> may extend it.</summary>
    public static Trainer Resume(string directory, Device device, int? epochs = null, DataSplits? data = null, Communicator? ranks = null)
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
        if (data.Train.ConditionSize != config.Model.Conditions)
            throw new VaeException($"{directory}: the model is conditioned on {config.Model.Conditions} covariates but {config.Data.Source} now gives {data.Train.ConditionSize}.");
        return new Trainer(config, directory, device, data, state, ModelFolder.ReadMetrics(directory), null, ranks);
    }

    public RunConfig Config => config;
    public VaeModel Model => model;
    public TrainingState State => state;
    /// <summary>The validation split as the trainer evaluates it (binarized once when the training data is binarized); null without one.</summary>
    public Dataset? Validation => validation;

    /// <summary>Trains until the configured number of epochs, early stopping, or cancellation (which checkpoints mid-epoch).</summary>
    public TrainingResult Run(ITrainingObserver? observer = null, CancellationToken cancel = default)
    {
        if (!ranks.IsRoot) observer = null;   // rank 0 alone reports progress and writes logs
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
        Runtime.ReleaseLoadingGarbage();
        if (t.OnNan == NanPolicy.Rollback && !File.Exists(Path.Combine(directory, ModelFolder.StateFile))) Save(); // something to roll back to
        while (state.Epoch < t.Epochs && !state.StoppedEarly)
        {
            switch (RunEpoch(observer, cancel))
            {
                case EpochEnd.Interrupted:
                    Save();
                    return new TrainingResult(TrainingOutcome.Interrupted, state, metrics);
                case EpochEnd.RolledBack:
                    continue;
            }
            EndEpoch(observer);
        }
        return new TrainingResult(state.StoppedEarly ? TrainingOutcome.StoppedEarly : TrainingOutcome.Finished, state, metrics);
    }

    private void EndEpoch(ITrainingObserver? observer)
    {
        var t = config.Training;
        int epoch = state.Epoch + 1;
        var s = state.EpochSums;
        ElboEstimate? val = ValidationEstimate();
        bool isBest = val is not null && (state.BestValElbo is null || val.Elbo > state.BestValElbo);
        if (isBest) best!.load_state_dict(model.state_dict());
        int sinceBest = isBest ? 0 : state.EpochsSinceImprovement + 1;
        var m = new EpochMetrics
        {
            Epoch = epoch, Step = state.Step, LearningRate = state.LearningRate, KlWeight = objective.KlWeight(Clock(state.Step - 1)),
            TrainLoss = s[0] / s[3], TrainElbo = (s[1] - s[2] - LibraryKlSum(s)) / s[3], TrainReconstruction = -s[1] / s[3], TrainKl = s[2] / s[3],
            ValElbo = val?.Elbo, ValReconstruction = val?.Reconstruction, ValKl = val?.Kl,
            TrainKlLibrary = model.HasLatentLibrary ? LibraryKlSum(s) / s[3] : null, ValKlLibrary = val?.KlLibrary,
            SkippedSteps = state.SkippedSteps, Seconds = state.EpochSeconds, SamplesPerSecond = s[3] / Math.Max(state.EpochSeconds, 1e-9),
            Ranks = ranks.IsDistributed ? ranks.Size : null, AllReduceSeconds = ranks.IsDistributed ? allReduce.Elapsed.TotalSeconds : null,
            TrainTerms = objective.TermNames.Count == 0 ? null : objective.TermNames.Select((name, i) => (name, i)).ToDictionary(p => p.name, p => s[5 + p.i] / s[3]),
        };
        metrics.Add(m);
        allReduce.Reset();
        bool stop = val is not null && t.EarlyStoppingPatience is int patience && sinceBest >= patience;
        state = state with
        {
            Epoch = epoch, BatchInEpoch = 0, EpochSums = [0, 0, 0, 0], EpochSeconds = 0,
            BestValElbo = isBest ? val!.Elbo : state.BestValElbo, BestEpoch = isBest ? epoch : state.BestEpoch,
            EpochsSinceImprovement = sinceBest, StoppedEarly = stop, Finished = !stop && epoch >= t.Epochs,
            LearningRate = NextLearningRate(epoch, sinceBest, observer),
            ShuffleRng = Rng.Save(shuffle), NoiseRng = Rng.Save(noise),
        };
        SetLearningRate(state.LearningRate);
        Save();
        ranks.Barrier($"the end of epoch {epoch} (rank 0 writes the checkpoint)", EpochEndTimeout);
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

    private void SetLearningRate(double lr) => optimizer.LearningRate = lr;

    private void Save()
    {
        if (!ranks.IsRoot) return;   // rank 0 alone writes the model folder
        bool lastIsBest = best is null || state.BestEpoch == state.Epoch && state.BatchInEpoch == 0;
        ModelFolder.Write(directory, new Checkpoint(config, best is null || lastIsBest ? model : best, lastIsBest ? null : model, optimizer, state, metrics,
            objective.Auxiliary, auxiliaryOptimizer));
    }

    /// <summary>Fills in what the data decides: the input shape, the number of conditions (e.g. one-hot batches) and the binarization mode.</summary>
    public static RunConfig Resolve(RunConfig config, DataSplits data)
    {
        var binarize = config.Data.Binarize;
        if (binarize == BinarizeMode.Auto)
            binarize = config.Model.Likelihood == Distributions.LikelihoodKind.Bernoulli && data.TrainIsUnitInterval ? BinarizeMode.Dynamic : BinarizeMode.None;
        if (binarize != BinarizeMode.None && !data.TrainIsUnitInterval)
            throw new VaeException($"--binarize {binarize.ToString().ToLowerInvariant()}: the data has values outside [0, 1]; use --binarize none.");
        if (binarize == BinarizeMode.Static && data.IsStreamed)
            throw new VaeException("--binarize static: a streamed (sharded) data set is binarized per batch; use --binarize dynamic.");
        if (config.Model.Likelihood == Distributions.LikelihoodKind.Bernoulli && !data.TrainIsUnitInterval)
            throw new VaeException("--likelihood bernoulli needs data in [0, 1]; this data has other values (use a Gaussian likelihood).");
        if (Distributions.CountLikelihood.IsCountKind(config.Model.Likelihood))
            foreach (var (split, name) in new[] { (data.Train, "training"), (data.Validation, "validation"), (data.Test, "test") })
                if (split is not null) Distributions.CountLikelihood.RequireCounts(split.Features, split.Dimension, config.Data.Source, config.Model.Likelihood, name);
        if (config.Model.ConditionEncoder && data.Train.ConditionSize == 0)
            throw new VaeException($"--condition-encoder: {config.Data.Source} gives no per-example conditions (for counts: --metadata <csv> with a --batch-key).");
        var model = config.Model with { Input = data.Shape, Conditions = data.Train.ConditionSize };
        var dataOptions = config.Data with { Binarize = binarize };
        if (dataOptions.ConditionClasses is [] && data.Train.ClassNames is { } classes) dataOptions = dataOptions with { ConditionClasses = [.. classes] };
        if (data.Train.Vocabulary is { } vocabulary)
        {
            dataOptions = dataOptions with { Vocabulary = [.. vocabulary] };
            if (model.Likelihood == Distributions.LikelihoodKind.Categorical) model = model with { Classes = vocabulary.Count };
        }
        if (model.Likelihood == Distributions.LikelihoodKind.Categorical) CheckClasses(data.Train, model.Classes);
        // The heads fit their constants to the training data themselves.
        if (model.LatentLibrary is { } library)
        {
            LatentLibraryOptions.CheckModel(model.Likelihood, model.Posterior);
            if (data.IsStreamed) throw new VaeException("--latent-library: the library-size prior is fitted to the training data in memory; a streamed (sharded) data set is not supported.");
            model = model with { LatentLibrary = library.FittedTo(data.Train.Features, data.Train.Dimension, data.Train.Conditions, data.Train.ConditionSize, config.Data.Source) };
        }
        if (model.PropertyHead is { } head)
            model = model with { PropertyHead = head.FittedTo(data.Train.Targets, data.Train.TargetSize, data.Train.Name, data.Train.TargetNames) };
        return config with { Model = model, Data = dataOptions };
    }

    // Token data: every value an integer id below the number of classes.
    static void CheckClasses(Dataset train, int classes)
    {
        if (classes < 2) throw new VaeException("the categorical likelihood needs token data with a vocabulary (e.g. --data smiles:<file>).");
        int bad = Array.FindIndex(train.Features, v => v < 0 || v >= classes || v != MathF.Floor(v));
        if (bad >= 0) throw new VaeException($"{train.Name}: value {train.Features[bad]} is not a class id in 0..{classes - 1}.");
    }

    public void Dispose()
    {
        model.Dispose();
        best?.Dispose();
        optimizer.Dispose();
        auxiliaryOptimizer?.Dispose();
        objective.Auxiliary?.Dispose();
        batches.Dispose();
        shuffle.Dispose();
        noise.Dispose();
    }
}
