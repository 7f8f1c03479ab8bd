using Vae.Data;
using Vae.Evaluation;
using Vae.IO.TensorBoard;
using Vae.Models;
using Vae.Reporting;
using Vae.Runs;
using static TorchSharp.torch;

namespace Vae.Training.TensorBoard;

/// <summary>
/// Writes a run's progress as TensorBoard events (<c>vae train --tensorboard DIR</c>), one new event file per
/// invocation, at the trainer's global step after every epoch: the scalars of metrics.jsonl (<see cref="EpochScalars"/>),
/// and on the first <c>examples</c> validation examples the latent diagnostics (<see cref="LatentDiagnostics"/>: KL per
/// dimension, active units, I(x; z)), a histogram of μ per dimension, histograms of the parameters, and for image
/// models grids of prior samples (the same z every epoch) and of reconstructions. It only reads the model (in
/// evaluation mode, with its own seeded generators), so a run gives the same numbers with or without it.
/// </summary>
public sealed class TensorBoardObserver : ITrainingObserver, IDisposable
{
    /// <summary>Validation examples the per-epoch diagnostics use by default.</summary>
    public const int DefaultExamples = 500;
    const int SampleCount = 64, ReconstructionCount = 16, Columns = 8, Seed = 20_201;

    readonly Trainer trainer;
    readonly Device device;
    readonly EventFileWriter writer;
    readonly Dataset? subset;

    TensorBoardObserver(Trainer trainer, Device device, EventFileWriter writer, Dataset? subset)
    {
        this.trainer = trainer;
        this.device = device;
        this.writer = writer;
        this.subset = subset;
    }

    /// <summary>A new event file in <paramref name="directory"/> for the run <paramref name="trainer"/> trains.</summary>
    public static TensorBoardObserver Open(string directory, Trainer trainer, Device device, int examples = DefaultExamples)
    {
        if (examples < 1) throw new VaeException($"--tensorboard-examples {examples}: must be ≥ 1.");
        var subset = trainer.Validation is { Count: > 0 } validation ? validation.Take(examples) : null;
        return new TensorBoardObserver(trainer, device, EventFileWriter.Create(directory), subset);
    }

    /// <summary>The event file this observer writes.</summary>
    public string EventFile => writer.Path;

    /// <summary>False when the run has no validation split: then only the scalars, the parameters and the samples are written.</summary>
    public bool HasExamples => subset is not null;

    public void OnStart(TrainingStart start)
    {
        // The next event is at a later step than every event of an earlier file of this run.
        writer.AddSessionStart(trainer.State.Step + 1);
    }

    public void OnEpoch(EpochMetrics metrics, bool isBest)
    {
        long step = metrics.Step;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        foreach (var (tag, value) in EpochScalars.Of(metrics)) writer.AddScalar(tag, value, step);
        var model = trainer.Model;
        foreach (var (name, parameter) in model.named_parameters())
            writer.AddHistogram("parameters/" + name, Values(parameter), step);
        if (subset is not null && model.IsVariational) WriteLatent(model, subset, step);
        if (model.Options.Input.IsImage && model.Options.Input.Channels is 1 or 3) WriteImages(model, step);
        writer.AddScalar("speed/tensorboard_seconds", clock.Elapsed.TotalSeconds, step);   // what this logging cost the epoch
    }

    void WriteLatent(VaeModel model, Dataset data, long step)
    {
        var report = LatentDiagnostics.Measure(model, data, device, aggregate: data.Count, seed: Seed);
        for (int j = 0; j < report.KlPerDim.Length; j++) writer.AddScalar($"kl_per_dim/{Dim(j, report.KlPerDim.Length)}", report.KlPerDim[j], step);
        writer.AddScalar("latent/active_units", report.ActiveByKl.Length, step);
        writer.AddScalar("latent/active_units_variance", report.ActiveByVariance.Length, step);
        writer.AddScalar("latent/mutual_information", report.MutualInformation, step);
        var (mean, _) = Generation.Encode(model, data, device);
        int d = model.Latent, n = data.Count;
        var column = new double[n];
        for (int j = 0; j < d; j++)
        {
            for (int i = 0; i < n; i++) column[i] = mean[i * d + j];
            writer.AddHistogram($"mu/{Dim(j, d)}", column, step);
        }
    }

    void WriteImages(VaeModel model, long step)
    {
        var shape = model.Options.Input;
        if (model.IsVariational && model.Options.Conditions == 0)
            writer.AddImage("images/samples", ImageGrid.Render(Generation.Sample(model, SampleCount, device, Seed), shape, Columns), step);
        if (subset is null) return;
        var inputs = subset.Take(ReconstructionCount);
        int columns = Math.Min(Columns, inputs.Count);   // each row of inputs above the row of their reconstructions
        var grid = ReconstructionGrid.Interleave(inputs.Features, Generation.Reconstruct(model, inputs, device), shape.Size, columns);
        writer.AddImage("images/reconstructions", ImageGrid.Render(grid, shape, columns), step);
    }

    static double[] Values(Tensor parameter)
    {
        using var scope = NewDisposeScope();
        return parameter.detach().cpu().to(ScalarType.Float64).data<double>().ToArray();
    }

    /// <summary>z01, z02, … (1-based, as <c>vae diagnose</c> numbers dimensions), zero-padded so the tags sort.</summary>
    public static string Dim(int j, int d) => "z" + (j + 1).ToString(new string('0', Math.Max(2, d.ToString().Length)));

    public void Dispose() => writer.Dispose();
}
