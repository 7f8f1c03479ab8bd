using Vae.Data;
using Vae.Distributions;
using Vae.IO;
using Vae.Models;
using Vae.Runs;
using Vae.Training;
using static TorchSharp.torch;

namespace Vae.Samplers.TwoStage;

/// <summary>
/// The two-stage VAE sampler (Dai &amp; Wipf 2019, "Diagnosing and enhancing VAE models"): a second VAE trained on
/// the posterior means z of the training data learns the aggregate posterior q(z), which the first stage's prior
/// does not match; sampling draws u ~ N(0, I) and takes the second decoder's mean as z. The second stage is a model
/// folder of its own, <c>sampler-two-stage/</c> inside the first's, trained by the ordinary <see cref="Trainer"/>.
/// </summary>
public sealed class TwoStageSampler(LoadedModel stage, CodeScaling scaling) : LatentSampler
{
    public const string Name = "two-stage";
    public const string FolderName = "sampler-two-stage";
    public const string ScalingFile = "code-scaling.json";

    public static readonly SamplerKind Kind = new(Name,
        "two-stage: a second VAE (Dai & Wipf 2019) trained on the posterior means of the training data; z = its decoder's mean at u ~ N(0, I)",
        fit => Fit(fit, TwoStageOptions.Default), Load);

    /// <summary>The second stage's model folder, as loaded.</summary>
    public LoadedModel Stage => stage;

    public override Tensor Sample(long n, Device device, Generator generator)
    {
        using var evaluating = EvaluationMode.Enter(stage.Model);
        using var scope = NewDisposeScope();
        var u = stage.Model.Prior.Sample(n, stage.Model.Latent, device, generator);   // [n, d]
        var standardized = stage.Model.Generate(u).to(device);                           // decoder mean: [n, d]
        return (tensor(scaling.Mean).to(ScalarType.Float32).to(device) + tensor(scaling.StdDev).to(ScalarType.Float32).to(device) * standardized).MoveToOuterDisposeScope();
    }

    /// <summary>The second stage's run: an MLP VAE on vectors of the first stage's latent size.</summary>
    public static RunConfig Config(int latent, TwoStageOptions options, long seed) => new()
    {
        Model = new ModelOptions
        {
            Input = DataShape.Vector(latent),
            Latent = latent,
            Network = new MlpNetwork { Hidden = options.Hidden },
            Likelihood = LikelihoodKind.GaussianLearned,
        },
        Data = new DataOptions { Source = "codes:" + FolderName, ValidationSize = 0, Binarize = BinarizeMode.None },
        Training = TrainingOptions.Default with { Epochs = options.Epochs, BatchSize = options.BatchSize, LearningRate = options.LearningRate, Seed = (int)seed },
    };

    /// <summary>Trains the second stage on the posterior means of <paramref name="fit"/>'s training data and saves it in the model folder.</summary>
    public static TwoStageSampler Fit(SamplerFit fit, TwoStageOptions options)
    {
        Dataset codes;
        CodeScaling scaling;
        using (var scope = NewDisposeScope())
        {
            // The second stage learns standardized codes, so that its N(0, I) prior and σ start at their scale.
            var means = PosteriorMeans.Of(fit);
            var (m, sd) = (means.mean([0]), means.std(0).clamp_min(1e-8));
            scaling = new CodeScaling(m.data<double>().ToArray(), sd.data<double>().ToArray());
            codes = new Dataset("posterior means", ((means - m) / sd).to(ScalarType.Float32).data<float>().ToArray(), DataShape.Vector(fit.Model.Latent));
        }
        var splits = new DataSplits(codes, null, codes.Take(1000));
        var config = Config(fit.Model.Latent, options, fit.Seed);
        fit.Progress?.Report($"training a second-stage VAE ({string.Join("×", options.Hidden)} hidden, {options.Epochs} epochs) on {codes.Count:N0} codes of {codes.Dimension} dimensions");
        string target = Path.Combine(fit.ModelFolder, FolderName);
        AtomicDirectory.Replace(target, staging =>
        {
            using var trainer = Trainer.Start(config, staging, fit.Device, overwrite: true, data: splits);
            trainer.Run(new EpochReporter(fit.Progress, options.Epochs));
            File.WriteAllText(Path.Combine(staging, ScalingFile), System.Text.Json.JsonSerializer.Serialize(scaling, Json.Strict));
        });
        return new TwoStageSampler(ModelFolder.Load(target, fit.Device), scaling);
    }

    static TwoStageSampler? Load(VaeModel model, string folder, Device device)
    {
        string path = Path.Combine(folder, FolderName);
        if (!File.Exists(Path.Combine(path, ModelFolder.ConfigFile))) return null;
        var stage = ModelFolder.Load(path, device);
        if (stage.Model.Options.Input.Size != model.Latent)
        {
            stage.Dispose();
            throw new VaeException($"{path}: the second stage models {stage.Model.Options.Input.Size} dimensions but the model's z has {model.Latent}; fit it again with --refit.");
        }
        return new TwoStageSampler(stage, Json.ReadComplete<CodeScaling>(Path.Combine(path, ScalingFile)));
    }

    public override void Dispose()
    {
        stage.Dispose();
        base.Dispose();
    }

    sealed class EpochReporter(IProgress<string>? progress, int epochs) : ITrainingObserver
    {
        public void OnEpoch(EpochMetrics metrics, bool isBest) =>
            progress?.Report($"second stage epoch {metrics.Epoch}/{epochs}: loss {metrics.TrainLoss:F4}");
    }
}
