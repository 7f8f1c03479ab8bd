using TorchSharp;
using Vae.Data;
using Vae.Evaluation;
using Vae.Models;
using Vae.Runs;
using static TorchSharp.torch;

namespace Vae.Training;

/// <summary>Test ELBO and NLL of one model in a pruning report.</summary>
public sealed record PruneStage(int Latent, double Elbo, double Nll);

/// <summary>What `vae prune` did: the dimensions kept and the test numbers before, right after pruning, and after fine-tuning.</summary>
public sealed record PruneReport(int[] Kept, int[] Removed, PruneStage Before, PruneStage Pruned, PruneStage? FineTuned, int K, int N, LatentReport Diagnosis);

/// <summary>
/// Removes the latent dimensions whose mean KL on the training data is at or under a threshold,
/// builds the smaller model with the surviving weights, fine-tunes it, and measures the test ELBO
/// and NLL before and after. The pruned model is an ordinary model folder.
/// </summary>
public static class PruneWorkflow
{
    public static PruneReport Run(string sourceDir, string outDir, double threshold, int fineTuneEpochs, Device device,
        int k = 1000, int n = 1000, ITrainingObserver? observer = null, bool overwrite = false)
    {
        if (!(threshold >= 0)) throw new VaeException($"--threshold {threshold}: must be ≥ 0.");
        if (fineTuneEpochs < 0) throw new VaeException($"--fine-tune-epochs {fineTuneEpochs}: must be ≥ 0.");
        if (Path.GetFullPath(sourceDir).TrimEnd('/') == Path.GetFullPath(outDir).TrimEnd('/'))
            throw new VaeException("--out must be a new folder, not the model being pruned.");
        using var source = ModelFolder.Load(sourceDir, device);
        LatentPruning.Check(source.Model);
        var config = source.Config;
        var splits = DataSources.Load(config.Data);
        var diagnosisData = Prepare(config, splits.Train.Take(10_000));
        var diagnosis = LatentDiagnostics.Measure(source.Model, diagnosisData, device, klThreshold: threshold);
        int[] kept = diagnosis.ActiveByKl;
        if (kept.Length == 0) throw new VaeException($"{sourceDir}: every latent dimension is under {threshold} nats: the posterior has collapsed, and pruning would leave nothing.");
        int[] removed = Enumerable.Range(0, source.Model.Latent).Except(kept).ToArray();
        var test = EvaluationData.LoadTest(config, n);

        var before = Stage(source.Model, test, device, k);
        using var pruned = LatentPruning.Prune(source.Model, kept, config.Training.Seed);
        pruned.to(device);
        var prunedStage = Stage(pruned, test, device, k);
        observer?.OnMessage($"Kept {kept.Length} of {source.Model.Latent} dimensions; before: ELBO {before.Elbo:F2}, NLL {before.Nll:F2}; pruned: ELBO {prunedStage.Elbo:F2}, NLL {prunedStage.Nll:F2}.");

        var prunedConfig = config with
        {
            Model = config.Model with { Latent = kept.Length },
            Training = config.Training with { Epochs = Math.Max(1, fineTuneEpochs) },
        };
        PruneStage? tuned = null;
        if (fineTuneEpochs > 0)
        {
            using var trainer = Trainer.Start(prunedConfig, outDir, device, overwrite, splits, m => m.load_state_dict(pruned.state_dict()));
            var result = trainer.Run(observer);
            if (result.Outcome == TrainingOutcome.Interrupted) throw new OperationCanceledException();
            using var saved = ModelFolder.Load(outDir, device);
            tuned = Stage(saved.Model, test, device, k);
        }
        else
        {
            ModelFolder.WriteModel(outDir, prunedConfig, pruned, overwrite);
        }
        return new PruneReport(kept, removed, before, prunedStage, tuned, k, test.Count, diagnosis);
    }

    static PruneStage Stage(VaeModel model, Dataset test, Device device, int k)
    {
        var elbo = ElboEstimator.Estimate(model, test, device);
        var nll = -MarginalLikelihood.Estimate(model, test, device, k, seed: 1).Average();
        return new PruneStage(model.Latent, elbo.Elbo, nll);
    }

    static Dataset Prepare(RunConfig config, Dataset train) => EvaluationData.Validation(config, train);
}
