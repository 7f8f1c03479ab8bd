using System.Text.Json.Serialization;
using Vae.Distributions;
using Vae.Nn;

namespace Vae.Models;

/// <summary>A fixed transform of x applied before the encoder (the likelihood still scores the raw x).</summary>
public enum InputTransform
{
    None,
    /// <summary>log(1 + x), for counts.</summary>
    Log1p,
}

/// <summary>Information about x given to the decoder directly, bypassing z (to study posterior collapse).</summary>
public enum Shortcut
{
    None,
    /// <summary>The first half of x's values (for a single-channel image, its top half) is appended to the decoder's input.</summary>
    FirstHalf,
}

/// <summary>
/// A model as a composition: the encoder and decoder networks (<see cref="Network"/>, or a PixelCNN decoder),
/// the posterior family, the prior N(0, I), the likelihood, and optional heads (a property head, a latent
/// library size). Stored in a model folder's config.json under <c>model</c>. Invalid values throw at
/// construction, naming the field and the accepted range; <see cref="Validate"/> checks the parts against
/// each other when a model is built.
/// </summary>
public sealed record ModelOptions
{
    /// <summary>Shape of one input example (set from the data when a model is trained).</summary>
    public DataShape Input { get; init; } = DataShape.Image(1, 28, 28);

    /// <summary>Latent dimension d.</summary>
    public int Latent { get; init => field = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(Latent), value, "Latent: the latent dimension must be ≥ 1."); } = 20;

    /// <summary>The encoder and its mirror decoder: one record per architecture.</summary>
    public NetworkOptions Network { get; init => field = value ?? throw new ArgumentNullException(nameof(Network)); } = new MlpNetwork();

    /// <summary>A PixelCNN decoder in place of the mirror decoder; null for none.</summary>
    public PixelCnnOptions? PixelCnn { get; init; }

    /// <summary>The family of q(z|x): diagonal (default), full-covariance Gaussian, or a point mass (the autoencoder).</summary>
    public PosteriorKind Posterior { get; init; } = PosteriorKind.Diagonal;

    public LikelihoodKind Likelihood { get; init; } = LikelihoodKind.Bernoulli;

    /// <summary>σ of the fixed Gaussian, and the initial σ of the learned and calibrated ones.</summary>
    public double Sigma { get; init => field = value > 0 && double.IsFinite(value) ? value : throw new ArgumentOutOfRangeException(nameof(Sigma), value, "Sigma: must be a finite number > 0."); } = 1.0;

    /// <summary>Lower bound σ_min for learned and calibrated σ; 0 leaves σ unconstrained (the objective can then grow without bound).</summary>
    public double SigmaFloor { get; init => field = value >= 0 && double.IsFinite(value) ? value : throw new ArgumentOutOfRangeException(nameof(SigmaFloor), value, "SigmaFloor: must be ≥ 0."); } = 1e-3;

    /// <summary>Number of classes of a categorical likelihood: for token data the vocabulary size (set from the data when a model is trained).</summary>
    public int Classes { get; init => field = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(Classes), value, "Classes: must be ≥ 0."); }

    /// <summary>Transform of x before the encoder (log1p for counts).</summary>
    public InputTransform InputTransform { get; init; } = InputTransform.None;

    /// <summary>Size of the per-example condition vector c (e.g. a one-hot batch label) appended to the decoder's input; 0 for none.</summary>
    public int Conditions { get; init => field = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(Conditions), value, "Conditions: must be ≥ 0."); }

    /// <summary>Also append c to the encoder's input.</summary>
    public bool ConditionEncoder { get; init; }

    public Shortcut Shortcut { get; init; } = Shortcut.None;

    /// <summary>A property head on z (<see cref="PropertyHeadOptions"/>); null for none.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public PropertyHeadOptions? PropertyHead { get; init; }

    /// <summary>A latent library size (<see cref="LatentLibraryOptions"/>) instead of the observed total; null for the observed one.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public LatentLibraryOptions? LatentLibrary { get; init; }

    /// <summary>
    /// A module that carries q(z|x) beyond the head's family (a flow, a second stochastic layer, a quantizer;
    /// <see cref="PosteriorExtensionOptions"/>); null for none.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public PosteriorExtensionOptions? PosteriorExtension { get; init; }

    /// <summary>A learned prior (<see cref="PriorOptions"/>, e.g. the VampPrior); null for N(0, I).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public PriorOptions? Prior { get; init; }

    /// <summary>False for the deterministic autoencoder (a point-mass posterior).</summary>
    [JsonIgnore]
    public bool IsVariational => Posterior != PosteriorKind.PointMass;

    /// <summary>Number of values the shortcut passes to the decoder.</summary>
    [JsonIgnore]
    public int ShortcutSize => Shortcut == Shortcut.FirstHalf ? Input.Size / 2 : 0;

    /// <summary>Width of the decoder's input: z, the conditions and the shortcut.</summary>
    [JsonIgnore]
    public int DecoderInputSize => Latent + Conditions + ShortcutSize;

    /// <summary>Activation values one decoder row holds at once, roughly (sizes the passes of importance sampling).</summary>
    public long DecoderActivationsPerRow() => PixelCnn?.ActivationsPerRow(Input) ?? Network.DecoderActivationsPerRow(Input);

    /// <summary>The reference model: MLP 784-400-20, ReLU, Bernoulli (the PyTorch examples VAE).</summary>
    public static ModelOptions MnistMlp { get; } = new();

    /// <summary>A convolutional VAE for 28×28 single-channel images.</summary>
    public static ModelOptions MnistConv { get; } = new() { Network = new ConvNetwork() };

    /// <summary>A SMILES VAE: convolutional encoder (dense 256), GRU decoder with z at every step, categorical likelihood.</summary>
    public static ModelOptions SmilesGru { get; } = new() { Network = new SequenceNetwork(), Likelihood = LikelihoodKind.Categorical };

    /// <summary>Checks the parts against each other (called when a model is built).</summary>
    public void Validate()
    {
        if (SigmaFloor >= Sigma && Likelihood is LikelihoodKind.GaussianLearned or LikelihoodKind.GaussianPerFeature or LikelihoodKind.GaussianOptimal)
            throw new VaeException($"--sigma-floor {SigmaFloor} must be below the initial --sigma {Sigma}.");
        if (Posterior == PosteriorKind.FullCovariance && !IsVariational)
            throw new VaeException("an autoencoder has no posterior covariance; --posterior full needs a VAE.");
        if (ConditionEncoder && Conditions == 0) throw new VaeException("ConditionEncoder needs Conditions > 0.");
        if (ConditionEncoder && Network is ConvNetwork)
            throw new VaeException("a convolutional encoder cannot take conditions; condition only the decoder.");
        if (Likelihood == LikelihoodKind.Categorical && Classes < 2)
            throw new VaeException($"the categorical likelihood needs the number of classes (Classes ≥ 2; set from token data), not {Classes}.");
        Network.Validate(this);
        PixelCnn?.Validate(this);
        PropertyHead?.Validate();
        LatentLibrary?.Validate(this);
        PosteriorExtension?.Validate(this);
        Prior?.Validate(this);
    }
}
