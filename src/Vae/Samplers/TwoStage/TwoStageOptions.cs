namespace Vae.Samplers.TwoStage;

/// <summary>
/// The second-stage VAE of Dai &amp; Wipf (2019): an MLP VAE on the first stage's codes z, with as many latent
/// dimensions as z and a Gaussian likelihood with one learned σ. The paper (and pythae) use hidden layers of 1024;
/// on a CPU two layers of 256 fit 16–64-dimensional codes in seconds per epoch, and the codes are simple data.
/// </summary>
public sealed record TwoStageOptions
{
    /// <summary>Hidden widths of the second stage's encoder (the decoder mirrors them).</summary>
    public int[] Hidden { get; init => field = value is { Length: > 0 } && value.All(w => w >= 1) ? value : throw new ArgumentException("Hidden: one or more widths ≥ 1.", nameof(Hidden)); } = [256, 256];

    public int Epochs { get; init => field = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(Epochs), value, "Epochs: must be ≥ 1."); } = 30;

    public int BatchSize { get; init => field = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(BatchSize), value, "BatchSize: must be ≥ 1."); } = 128;

    public double LearningRate { get; init => field = value > 0 && double.IsFinite(value) ? value : throw new ArgumentOutOfRangeException(nameof(LearningRate), value, "LearningRate: must be > 0."); } = 1e-3;

    public static TwoStageOptions Default { get; } = new();
}
