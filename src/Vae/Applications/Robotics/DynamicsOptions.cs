using Vae.Nn;

namespace Vae.Applications.Robotics;

/// <summary>How the latent dynamics model is built and trained. Stored in a model folder's dynamics.json.</summary>
public sealed record DynamicsOptions
{
    /// <summary>Latents the model sees: z_{t−K+1} … z_t (K = 1 is the Markov form z_{t+1} = f(z_t, a_t)).</summary>
    public int Context { get; init => field = value is >= 1 and <= SimulationOptions.MaxStack ? value : throw new ArgumentOutOfRangeException(nameof(Context), value, $"Context: 1 to {SimulationOptions.MaxStack} latents."); } = 2;

    public int[] Hidden { get; init => field = value is { Length: > 0 } && value.All(h => h >= 1) ? value : throw new ArgumentOutOfRangeException(nameof(Hidden), "Hidden: one or more widths ≥ 1."); } = [256, 256];

    public ActivationKind Activation { get; init; } = ActivationKind.Elu;

    /// <summary>Open-loop steps each training window is unrolled for (the loss averages their squared errors); shortened to fit episodes that are too short for it.</summary>
    public int Unroll { get; init => field = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(Unroll), value, "Unroll: must be ≥ 1."); } = 10;

    public int Epochs { get; init => field = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(Epochs), value, "Epochs: must be ≥ 1."); } = 60;

    public int BatchSize { get; init => field = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(BatchSize), value, "BatchSize: must be ≥ 1."); } = 128;

    public double LearningRate { get; init => field = value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(LearningRate), value, "LearningRate: must be > 0."); } = 1e-3;

    public int Seed { get; init; } = 1;
}
