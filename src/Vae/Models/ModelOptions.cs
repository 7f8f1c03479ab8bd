using Vae.Data;
using Vae.Distributions;
using Vae.Nn;

namespace Vae.Models;

public enum ModelKind
{
    /// <summary>Variational autoencoder: sampled z, KL to the prior.</summary>
    Vae,
    /// <summary>Deterministic autoencoder on the same networks: z = μ(x), no KL.</summary>
    Autoencoder,
}

public enum Architecture
{
    /// <summary>Fully connected layers with activations.</summary>
    Mlp,
    /// <summary>Strided convolutions (images).</summary>
    Conv,
    /// <summary>No hidden layers: μ, log σ² and the decoder's output are affine in their inputs (with a Gaussian likelihood, log p(x) is exact).</summary>
    Linear,
}

/// <summary>
/// Everything needed to build a model. Stored in a model folder's config.json. Invalid values
/// throw at construction, naming the field and the accepted range.
/// </summary>
public sealed record ModelOptions
{
    public ModelKind Kind { get; init; } = ModelKind.Vae;

    public Architecture Architecture { get; init; } = Architecture.Mlp;

    /// <summary>Shape of one input example (set from the data when a model is trained).</summary>
    public DataShape Input { get; init; } = DataShape.Image(1, 28, 28);

    /// <summary>Latent dimension d.</summary>
    public int Latent { get; init => field = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(Latent), value, "Latent: the latent dimension must be ≥ 1."); } = 20;

    /// <summary>Hidden layer widths of the encoder (the decoder mirrors them). For conv models, the dense layers after the convolutions.</summary>
    public int[] Hidden
    {
        get;
        init => field = value is { Length: > 0 } && value.All(h => h >= 1) ? value
            : throw new ArgumentOutOfRangeException(nameof(Hidden), value is null ? "null" : string.Join(",", value), "Hidden: give one or more layer widths, each ≥ 1.");
    } = [400];

    public ActivationKind Activation { get; init; } = ActivationKind.Relu;

    public LikelihoodKind Likelihood { get; init; } = LikelihoodKind.Bernoulli;

    /// <summary>σ of the fixed Gaussian, and the initial σ of the learned and calibrated ones.</summary>
    public double Sigma { get; init => field = value > 0 && double.IsFinite(value) ? value : throw new ArgumentOutOfRangeException(nameof(Sigma), value, "Sigma: must be a finite number > 0."); } = 1.0;

    /// <summary>Lower bound σ_min for learned and calibrated σ; 0 leaves σ unconstrained (the objective can then grow without bound).</summary>
    public double SigmaFloor { get; init => field = value >= 0 && double.IsFinite(value) ? value : throw new ArgumentOutOfRangeException(nameof(SigmaFloor), value, "SigmaFloor: must be ≥ 0."); } = 1e-3;

    /// <summary>Channels of the convolution stages (conv models); null chooses them from the input size.</summary>
    public int[]? Channels { get; init; }

    /// <summary>The reference model: MLP 784-400-20, ReLU, Bernoulli (the PyTorch examples VAE).</summary>
    public static ModelOptions MnistMlp { get; } = new();

    /// <summary>A convolutional VAE for 28×28 single-channel images.</summary>
    public static ModelOptions MnistConv { get; } = new() { Architecture = Architecture.Conv, Hidden = [256] };

    /// <summary>Checks the options against each other (called when a model is built).</summary>
    public void Validate()
    {
        if (SigmaFloor >= Sigma && Likelihood is LikelihoodKind.GaussianLearned or LikelihoodKind.GaussianPerFeature or LikelihoodKind.GaussianOptimal)
            throw new VaeException($"--sigma-floor {SigmaFloor} must be below the initial --sigma {Sigma}.");
        if (Architecture == Architecture.Conv) ConvStack.For(Input, Channels);
    }
}
