using System.Diagnostics;
using Vae.Runs;
using static TorchSharp.torch;

namespace Vae.Training;

/// <summary>The epoch loop and what happens when a step goes wrong.</summary>
public sealed partial class Trainer
{
    private enum EpochEnd { Completed, Interrupted, RolledBack }

    private enum StepEnd { Applied, Skipped, RolledBack }

    private EpochEnd RunEpoch(ITrainingObserver? observer, CancellationToken cancel)
    {
        Rng.Restore(shuffle, state.ShuffleRng);       // the epoch's order is regenerated from its start state
        using var epochBatches = batches.Epoch(shuffle);
        int epoch = state.Epoch + 1, total = epochBatches.Batches;
        // loss·n, log p(x|z), KL, n, the latent library's KL (0 without one), then each objective term·n
        var sums = new double[5 + objective.TermNames.Count];
        if (ranks.IsRoot) state.EpochSums.AsSpan(0, Math.Min(state.EpochSums.Length, sums.Length)).CopyTo(sums);   // other ranks add only their own
        var clock = Stopwatch.StartNew();
        double secondsBefore = state.EpochSeconds;
        for (int b = state.BatchInEpoch; b < total; b++)
        {
            switch (Step(epochBatches, epoch, b, sums, observer, cancel.IsCancellationRequested))
            {
                case StepEnd.RolledBack: return EpochEnd.RolledBack;
                case StepEnd.Skipped: state = state with { SkippedSteps = state.SkippedSteps + 1 }; break;
            }
            state = state with { Step = state.Step + 1 };
            if (state.Step % 4 == 0) Runtime.CollectStepGarbage();
            StartupTrace.FirstStep();
            double seconds = secondsBefore + clock.Elapsed.TotalSeconds;
            observer?.OnBatch(new BatchProgress(epoch, config.Training.Epochs, b + 1, total,
                sums[0] / Math.Max(sums[3], 1), -sums[1] / Math.Max(sums[3], 1), sums[2] / Math.Max(sums[3], 1), ranks.Size * sums[3] / Math.Max(seconds, 1e-9)));
            bool stop = ranks.IsDistributed ? stopRequested : cancel.IsCancellationRequested;   // all ranks stop at the same step
            if (stop && b + 1 < total)
            {
                ReduceSums(sums);
                state = state with { BatchInEpoch = b + 1, EpochSums = sums, EpochSeconds = seconds, NoiseRng = Rng.Save(noise) };
                observer?.OnMessage($"Interrupted at epoch {epoch}, batch {b + 1}/{total}; checkpoint written to {directory}. Continue with: vae train --resume {directory}");
                return EpochEnd.Interrupted;
            }
        }
        ReduceSums(sums);
        SyncNoise();
        state = state with { BatchInEpoch = total, EpochSums = sums, EpochSeconds = secondsBefore + clock.Elapsed.TotalSeconds };
        return EpochEnd.Completed;
    }

    // One optimizer step on batch b. A NaN or infinite loss term or gradient never reaches the weights:
    // depending on the policy the step is skipped, training rolls back, or it stops with a diagnosis.
    // In a data-parallel run each rank computes its share of the batch's rows and the ranks sum their
    // gradients (weighted by their shares) before the step, so every rank takes the same step; whether
    // any rank met a problem or was asked to stop travels with the gradient.
    private StepEnd Step(Data.IEpochBatches epochBatches, int epoch, int b, double[] sums, ITrainingObserver? observer, bool cancelRequested)
    {
        using var scope = NewDisposeScope();
        var batch = epochBatches.Batch(b);
        if (binarizeBatches) batch = batch with { X = ExactBernoulli.Draw(batch.X, noise) };
        long total = batch.Size;
        var (start, n) = ranks.Share(total);
        if (ranks.IsDistributed) batch = Rows(batch, start, n);
        using var window = ranks.IsDistributed ? RowWindow.Enter(new RowWindow(start, n, total)) : null;
        double[] values = [];
        int firstTerm = 3, objectiveTermCount = 0;
        string? problem = null;
        Tensor? auxiliaryLoss = null;
        if (n > 0)
        {
            var (terms, value) = objective.Step(model, batch, noise, Clock(state.Step));
            var (loss, objectiveTerms) = value;
            auxiliaryLoss = auxiliaryOptimizer is null ? null : objective.AuxiliaryLoss(terms, noise);
            var parts = new List<Tensor> { loss * n, terms.LogLikelihood.sum(), terms.Kl.sum() };
            if (terms.LibraryKl is { } libraryKl) parts.Add(libraryKl.sum());
            firstTerm = parts.Count;
            objectiveTermCount = objectiveTerms.Count;
            parts.AddRange(objectiveTerms.Select(v => v * n));
            if (auxiliaryLoss is not null) parts.Add(auxiliaryLoss.detach());
            values = stack(parts.ToArray()).to(ScalarType.Float64).cpu().data<double>().ToArray();
            problem = values.All(double.IsFinite) ? null : LossProblem(values);
            optimizer.ZeroGrad();
            if (problem is null) ObjectiveGradients.Backward(model, loss, value.EncoderLoss);
        }
        else optimizer.ZeroGrad();
        if (ranks.IsDistributed)
        {
            Span<float> control = [problem is null ? 0 : 1, cancelRequested ? 1 : 0];
            allReduce.Start();
            optimizer.AllReduceGradients(ranks, (double)n / total, control);
            allReduce.Stop();
            if (problem is null && control[0] > 0) problem = "the loss on another rank became NaN or infinite";
            stopRequested = control[1] > 0;
        }
        if (problem is null)
        {
            var (_, badParameter) = optimizer.CheckGradients(config.Training.GradientClip);
            if (badParameter is not null) problem = $"the gradient of parameter '{badParameter}' became NaN or infinite";
        }
        if (problem is not null) return OnProblem(problem, epoch, b, sums, observer);
        optimizer.Step();
        if (auxiliaryLoss is not null)
        {
            auxiliaryOptimizer!.ZeroGrad();   // also drops what the model's loss left in the auxiliary network's gradients
            auxiliaryLoss.backward();
            auxiliaryOptimizer.Step();
        }
        if (n == 0) return StepEnd.Applied;
        sums[0] += values[0]; sums[1] += values[1]; sums[2] += values[2]; sums[3] += n;
        if (firstTerm > 3) sums[4] += values[3];
        for (int i = 0; i < objectiveTermCount; i++) sums[5 + i] += values[firstTerm + i];
        return StepEnd.Applied;
    }

    private StepEnd OnProblem(string problem, int epoch, int b, double[] sums, ITrainingObserver? observer)
    {
        optimizer.ZeroGrad();
        string where = $"at epoch {epoch}, batch {b + 1} (step {state.Step + 1})";
        switch (config.Training.OnNan)
        {
            case NanPolicy.Skip:
                if (state.SkippedSteps < 10) observer?.OnMessage($"Skipped a step: {problem} {where}.{(state.SkippedSteps == 9 ? " (further skips are only counted)" : "")}");
                return StepEnd.Skipped;
            case NanPolicy.Rollback when state.Rollbacks < config.Training.MaxRollbacks:
                Rollback(problem, where, observer);
                return StepEnd.RolledBack;
            default:
                throw Diverged(problem, where, sums);
        }
    }

    private void Rollback(string problem, string where, ITrainingObserver? observer)
    {
        int rollbacks = state.Rollbacks + 1;
        long skipped = state.SkippedSteps;
        double learningRate = state.LearningRate / 2;   // halve the rate in use (repeated rollbacks keep halving)
        var saved = ModelFolder.ReadState(directory);
        RestoreFrom(saved);
        metrics.RemoveRange(saved.Epoch, metrics.Count - saved.Epoch);
        state = state with { LearningRate = learningRate, Rollbacks = rollbacks, SkippedSteps = skipped };
        SetLearningRate(state.LearningRate);
        observer?.OnMessage($"{char.ToUpperInvariant(problem[0])}{problem[1..]} {where}: rolled back to the checkpoint of epoch {saved.Epoch}"
            + $"{(saved.BatchInEpoch > 0 ? $", batch {saved.BatchInEpoch}" : "")} and halved the learning rate to {state.LearningRate:G3} (rollback {rollbacks} of at most {config.Training.MaxRollbacks}).");
    }

    // The epoch's sum of KL(q(l|x) ‖ p(l)) (0 without a latent library).
    private static double LibraryKlSum(double[] sums) => sums.Length > 4 ? sums[4] : 0;

    private string LossProblem(double[] values)
    {
        static string Describe(double v) => double.IsNaN(v) ? "NaN" : v > 0 ? "+infinity" : "-infinity";
        return !double.IsFinite(values[1]) ? $"the reconstruction term log p(x|z) became {Describe(values[1])}"
            : !double.IsFinite(values[2]) ? $"the KL term became {Describe(values[2])}"
            : values.Length > 3 && model.HasLatentLibrary && !double.IsFinite(values[3]) ? $"the latent library's KL term became {Describe(values[3])}"
            : !double.IsFinite(values[0]) ? $"the loss became {Describe(values[0])}"
            : $"an objective term became {Describe(values.Skip(3).First(v => !double.IsFinite(v)))}";
    }

    private TrainingDivergedException Diverged(string problem, string where, double[] sums)
    {
        string kept = File.Exists(Path.Combine(directory, ModelFolder.StateFile))
            ? $"the last good checkpoint in {directory} (epoch {ModelFolder.ReadState(directory).Epoch}) is intact"
            : "no checkpoint had been written yet";
        string lastGood = sums[3] > 0
            ? $" Last finite values (this epoch so far): reconstruction {-sums[1] / sums[3]:F3}, KL {sums[2] / sums[3]:F3}."
            : metrics.LastOrDefault() is { } last ? $" Last finite epoch means: reconstruction {last.TrainReconstruction:F3}, KL {last.TrainKl:F3}." : "";
        string policy = config.Training.OnNan == NanPolicy.Rollback ? $" (after {state.Rollbacks} rollbacks)" : "";
        return new TrainingDivergedException(
            $"Training diverged{policy}: {problem} {where}; {kept}.{lastGood} Try a lower --lr, --grad-clip, a floored likelihood, or --on-nan skip|rollback.");
    }
}
