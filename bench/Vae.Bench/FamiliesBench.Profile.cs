using System.Diagnostics;
using System.Text.Json;
using Vae.Data;
using Vae.Models;
using Vae.Objectives;
using Vae.Runs;
using Vae.Training;
using static TorchSharp.torch;

namespace Vae.Bench;

/// <summary>
/// Where a training step of any family goes: the trainer's step (Trainer.Steps.cs) for the model a run folder's config
/// builds, on the data it names, with the clock read between its phases; the same phases as the PyTorch peer reports.
/// </summary>
public static partial class FamiliesBench
{
    public static readonly string[] ProfilePhases =
    [
        "draw the batch (and binarize)", "forward: model and loss", "read the loss", "zero the gradients and backward", "gradient norm and NaN check", "Adam step",
    ];

    /// <summary><c>bench/run families-profile RUN STEPS</c>: milliseconds per phase over STEPS steps (after 20 unmeasured ones), as JSON.</summary>
    public static string ProfileChild(string run, int steps)
    {
        const int warmUp = 20;
        var config = ModelFolder.ReadConfig(run);
        var data = DataSources.Load(config.Data);
        var t = config.Training;
        using var model = new VaeModel(config.Model, t.Seed);
        using var adam = new FlatAdam(model.named_parameters(), t.LearningRate);
        using IBatchSource batches = data.Streamed is { } streamed ? streamed.Open(CPU, t.BatchSize) : new BatchStream(data.Train, CPU, t.BatchSize);
        var objective = Objective.Create(config.Objective, config.Model, batches.Count, t.Seed);
        bool binarize = config.Data.Binarize == BinarizeMode.Dynamic;
        using var shuffle = new Generator((ulong)t.Seed + 1_000_003UL);
        using var noise = new Generator((ulong)t.Seed + 2_000_003UL);
        var sums = new double[ProfilePhases.Length];
        var clock = new Stopwatch();
        int done = 0;
        while (done < warmUp + steps)
        {
            using var epoch = batches.Epoch(shuffle);
            for (int b = 0; b < epoch.Batches && done < warmUp + steps; b++, done++)
            {
                using var scope = NewDisposeScope();
                int phase = 0;
                void Lap() { if (done >= warmUp) sums[phase] += clock.Elapsed.TotalMilliseconds; phase++; clock.Restart(); }
                clock.Restart();
                var batch = epoch.Batch(b);
                if (binarize) batch = batch with { X = ExactBernoulli.Draw(batch.X, noise) };
                Lap();
                var (terms, value) = objective.Step(model, batch, noise, new TrainingClock(done, epoch.Batches, epoch.Batches * 10L));
                Lap();
                _ = stack([value.Loss * batch.Size, terms.LogLikelihood.sum(), terms.Kl.sum()]).to(ScalarType.Float64).cpu().data<double>().ToArray();
                Lap();
                adam.ZeroGrad();
                ObjectiveGradients.Backward(model, value.Loss, value.EncoderLoss);
                Lap();
                adam.CheckGradients(t.GradientClip);
                Lap();
                adam.Step();
                Lap();
            }
        }
        return JsonSerializer.Serialize(ProfilePhases.Zip(sums).ToDictionary(p => p.First, p => p.Second / steps));
    }
}
