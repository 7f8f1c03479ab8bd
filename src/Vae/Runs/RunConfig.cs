using Vae.Data;
using Vae.Models;
using Vae.Objectives;

namespace Vae.Runs;

/// <summary>Everything that defines a training run; a model folder's config.json.</summary>
public sealed record RunConfig
{
    /// <summary>The version of the model-folder format this build writes (2: the composed model; format 1 is read through <see cref="ConfigMigration"/>).</summary>
    public const int CurrentFormatVersion = 2;

    public int FormatVersion { get; init; } = CurrentFormatVersion;
    public ModelOptions Model { get; init; } = ModelOptions.MnistMlp;
    public DataOptions Data { get; init; } = DataOptions.FashionMnist;
    public ObjectiveOptions Objective { get; init; } = ObjectiveOptions.Elbo;
    public TrainingOptions Training { get; init; } = TrainingOptions.Default;
}
