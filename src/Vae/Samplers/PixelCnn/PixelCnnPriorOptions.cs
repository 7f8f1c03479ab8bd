namespace Vae.Samplers;

/// <summary>
/// The PixelCNN prior over a VQ-VAE's code grid and how it is fitted (stored beside its weights in the model folder).
/// Invalid values throw at construction, naming the field.
/// </summary>
public sealed record PixelCnnPriorOptions
{
    /// <summary>Feature channels of the masked convolutions (and width of the code embedding).</summary>
    public int Features { get; init => field = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(Features), value, "Features: must be ≥ 1."); } = 32;

    /// <summary>Residual 3×3 type-B layers after the first (type-A) one.</summary>
    public int Layers { get; init => field = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(Layers), value, "Layers: must be ≥ 0."); } = 2;

    /// <summary>Passes over the codes of the training data.</summary>
    public int Epochs { get; init => field = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(Epochs), value, "Epochs: must be ≥ 1."); } = 10;

    public int BatchSize { get; init => field = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(BatchSize), value, "BatchSize: must be ≥ 1."); } = 128;

    /// <summary>Adam's step size.</summary>
    public double LearningRate { get; init => field = value > 0 && double.IsFinite(value) ? value : throw new ArgumentOutOfRangeException(nameof(LearningRate), value, "LearningRate: must be a finite number > 0."); } = 1e-3;

    public static PixelCnnPriorOptions Default { get; } = new();
}
