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

/// <summary>A fixed transform of x applied before the encoder (the likelihood still scores the raw x).</summary>
public enum InputTransform
{
    None,
    /// <summary>log(1 + x), for counts.</summary>
    Log1p,
}

/// <summary>Which decoder network the model uses.</summary>
public enum DecoderKind
{
    /// <summary>The mirror of the encoder (MLP, transposed convolutions, linear).</summary>
    Mirror,
    /// <summary>A PixelCNN conditioned on z: autoregressive over pixels, strong enough to ignore z.</summary>
    PixelCnn,
}

/// <summary>Information about x given to the decoder directly, bypassing z (to study posterior collapse).</summary>
public enum Shortcut
{
    None,
    /// <summary>The first half of x's values (for a single-channel image, its top half) is appended to the decoder's input.</summary>
    FirstHalf,
}

/// <summary>The encoder of a sequence model.</summary>
public enum SequenceEncoderKind
{
    /// <summary>1-D convolutions over token embeddings, then a dense layer (Gómez-Bombarelli et al. 2018): fast on a CPU.</summary>
    Conv,
    /// <summary>A bidirectional GRU over token embeddings (its final states).</summary>
    Gru,
}

public enum Architecture
{
    /// <summary>Fully connected layers with activations.</summary>
    Mlp,
    /// <summary>Strided convolutions (images).</summary>
    Conv,
    /// <summary>No hidden layers: μ, log σ² and the decoder's output are affine in their inputs (with a Gaussian likelihood, log p(x) is exact).</summary>
    Linear,
    /// <summary>Token sequences: a bidirectional GRU encoder over embeddings and an autoregressive GRU decoder with z at every step (categorical likelihood).</summary>
    Sequence,
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

    /// <summary>The family of q(z|x): diagonal (default) or full-covariance Gaussian.</summary>
    public PosteriorKind Posterior { get; init; } = PosteriorKind.Diagonal;

    /// <summary>σ of the fixed Gaussian, and the initial σ of the learned and calibrated ones.</summary>
    public double Sigma { get; init => field = value > 0 && double.IsFinite(value) ? value : throw new ArgumentOutOfRangeException(nameof(Sigma), value, "Sigma: must be a finite number > 0."); } = 1.0;

    /// <summary>Lower bound σ_min for learned and calibrated σ; 0 leaves σ unconstrained (the objective can then grow without bound).</summary>
    public double SigmaFloor { get; init => field = value >= 0 && double.IsFinite(value) ? value : throw new ArgumentOutOfRangeException(nameof(SigmaFloor), value, "SigmaFloor: must be ≥ 0."); } = 1e-3;

    /// <summary>Channels of the convolution stages (conv models); null chooses them from the input size.</summary>
    public int[]? Channels { get; init; }

    /// <summary>Transform of x before the encoder (log1p for counts).</summary>
    public InputTransform InputTransform { get; init; } = InputTransform.None;

    /// <summary>Size of the per-example condition vector c (e.g. a one-hot batch label) appended to the decoder's input; 0 for none.</summary>
    public int Conditions { get; init => field = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(Conditions), value, "Conditions: must be ≥ 0."); }

    /// <summary>Also append c to the encoder's input.</summary>
    public bool ConditionEncoder { get; init; }

    public DecoderKind Decoder { get; init; } = DecoderKind.Mirror;

    /// <summary>How z enters the decoder: at its input, in every layer (skip-VAE), or by FiLM.</summary>
    public ZInjection ZInjection { get; init; } = ZInjection.Input;

    public Shortcut Shortcut { get; init; } = Shortcut.None;

    /// <summary>Feature channels of the PixelCNN decoder.</summary>
    public int PixelCnnFeatures { get; init => field = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(PixelCnnFeatures), value, "PixelCnnFeatures: must be ≥ 1."); } = 32;

    /// <summary>Residual masked 3×3 layers of the PixelCNN decoder (after its 7×7 input layer).</summary>
    public int PixelCnnLayers { get; init => field = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(PixelCnnLayers), value, "PixelCnnLayers: must be ≥ 0."); } = 3;

    /// <summary>Number of classes of a categorical likelihood: for token data the vocabulary size (set from the data when a model is trained).</summary>
    public int Classes { get; init => field = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(Classes), value, "Classes: must be ≥ 0."); }

    /// <summary>Sequence models: width of the token embeddings (encoder and decoder each have their own).</summary>
    public int Embedding { get; init => field = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(Embedding), value, "Embedding: must be ≥ 1."); } = 64;

    /// <summary>Sequence models: hidden size of the encoder's and the decoder's GRUs.</summary>
    public int GruHidden { get; init => field = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(GruHidden), value, "GruHidden: must be ≥ 1."); } = 256;

    /// <summary>Sequence models: stacked GRU layers in the encoder and the decoder.</summary>
    public int GruLayers { get; init => field = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(GruLayers), value, "GruLayers: must be ≥ 1."); } = 1;

    /// <summary>Sequence models: the encoder. A convolutional one uses <see cref="Channels"/> (default 64,64,64; kernel width 9) and <see cref="Hidden"/>[0] for its dense layer.</summary>
    public SequenceEncoderKind SequenceEncoder { get; init; } = SequenceEncoderKind.Conv;

    /// <summary>Sequence models: probability that a teacher-forced decoder input is replaced by &lt;unk&gt; during training (Bowman et al. 2016); 0 turns it off.</summary>
    public double WordDropout { get; init => field = value is >= 0 and < 1 ? value : throw new ArgumentOutOfRangeException(nameof(WordDropout), value, "WordDropout: must be in [0, 1)."); }

    /// <summary>Hidden widths of an MLP on z that predicts the data's regression targets (a joint property head, trained with the VAE); null for none.</summary>
    public int[]? PropertyHead
    {
        get;
        init => field = value is null || value.All(h => h >= 1) ? value
            : throw new ArgumentOutOfRangeException(nameof(PropertyHead), string.Join(",", value), "PropertyHead: every layer width must be ≥ 1.");
    }

    /// <summary>Number of targets the property head predicts (set from the data when a model is trained).</summary>
    public int Properties { get; init => field = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(Properties), value, "Properties: must be ≥ 0."); }

    /// <summary>Mean and scale of each target on the training set: the head predicts (y − mean) / scale. Null means 0 and 1.</summary>
    public double[]? PropertyMean { get; init; }

    /// <inheritdoc cref="PropertyMean"/>
    public double[]? PropertyScale { get; init; }

    /// <summary>
    /// Count likelihoods: a latent library size (scVI) instead of the observed total — l = log ℓ with an encoder head
    /// q(l|x) = N(μ_l(x), σ_l²(x)) and the prior N(<see cref="LibraryLogMean"/>, <see cref="LibraryLogVariance"/>) of the
    /// example's batch; ℓ = exp(l) scales the normalised expression. Written to config.json only when on.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingDefault)]
    public bool LatentLibrary { get; init; }

    /// <summary>Prior mean m_b of log ℓ per batch (one value per condition, or one when there are none); set from the training data.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public double[]? LibraryLogMean { get; init; }

    /// <summary>Prior variance s_b² of log ℓ per batch, as <see cref="LibraryLogMean"/>.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public double[]? LibraryLogVariance { get; init; }

    /// <summary>Number of values the shortcut passes to the decoder.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public int ShortcutSize => Shortcut == Shortcut.FirstHalf ? Input.Size / 2 : 0;

    /// <summary>Width of the decoder's input: z, the conditions and the shortcut.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public int DecoderInputSize => Latent + Conditions + ShortcutSize;

    /// <summary>The reference model: MLP 784-400-20, ReLU, Bernoulli (the PyTorch examples VAE).</summary>
    public static ModelOptions MnistMlp { get; } = new();

    /// <summary>A convolutional VAE for 28×28 single-channel images.</summary>
    public static ModelOptions MnistConv { get; } = new() { Architecture = Architecture.Conv, Hidden = [256] };

    /// <summary>A SMILES VAE: convolutional encoder (dense 256), GRU decoder with z at every step, categorical likelihood.</summary>
    public static ModelOptions SmilesGru { get; } = new() { Architecture = Architecture.Sequence, Likelihood = LikelihoodKind.Categorical, Hidden = [256] };

    /// <summary>Checks the options against each other (called when a model is built).</summary>
    public void Validate()
    {
        if (SigmaFloor >= Sigma && Likelihood is LikelihoodKind.GaussianLearned or LikelihoodKind.GaussianPerFeature or LikelihoodKind.GaussianOptimal)
            throw new VaeException($"--sigma-floor {SigmaFloor} must be below the initial --sigma {Sigma}.");
        if (Architecture == Architecture.Conv) ConvStack.For(Input, Channels);
        if (Posterior == PosteriorKind.FullCovariance && Kind == ModelKind.Autoencoder)
            throw new VaeException("an autoencoder has no posterior covariance; --posterior full needs a VAE.");
        if (ConditionEncoder && Conditions == 0) throw new VaeException("ConditionEncoder needs Conditions > 0.");
        if (ConditionEncoder && Architecture == Architecture.Conv) throw new VaeException("a convolutional encoder cannot take conditions; condition only the decoder.");
        if (Decoder == DecoderKind.PixelCnn)
        {
            if (!Input.IsImage) throw new VaeException($"the PixelCNN decoder needs images; the data is {Input}.");
            if (Likelihood is not (LikelihoodKind.Bernoulli or LikelihoodKind.Gaussian or LikelihoodKind.GaussianLearned))
                throw new VaeException($"the PixelCNN decoder supports the bernoulli, gaussian and gaussian-learned likelihoods, not {Likelihood}.");
            if (Shortcut != Shortcut.None) throw new VaeException("a PixelCNN decoder already sees x; it takes no shortcut.");
        }
        ValidateSequence();
        ValidateLibrary();
        if (ZInjection != ZInjection.Input && Decoder == DecoderKind.Mirror && Architecture != Architecture.Mlp)
            throw new VaeException($"z injection into every layer is available for the mlp and PixelCNN decoders, not {Architecture}.");
    }

    /// <summary>With <see cref="LatentLibrary"/>, checks what does not depend on the data: a count likelihood and a VAE.</summary>
    public void CheckLatentLibraryModel()
    {
        if (!LatentLibrary) return;
        if (!CountLikelihood.IsCountKind(Likelihood))
            throw new VaeException($"--latent-library: a latent library size scales the mean of a count likelihood (--likelihood poisson, nb or zinb), not {System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(Likelihood.ToString())}.");
        if (Kind != ModelKind.Vae) throw new VaeException("--latent-library: a latent library size needs a VAE; an autoencoder has no posterior.");
    }

    void ValidateLibrary()
    {
        if (!LatentLibrary)
        {
            if ((LibraryLogMean ?? LibraryLogVariance) is not null) throw new VaeException("LibraryLogMean and LibraryLogVariance are the prior of a latent library size; set LatentLibrary too.");
            return;
        }
        CheckLatentLibraryModel();
        int groups = Math.Max(1, Conditions);
        if (LibraryLogMean is not { } m || LibraryLogVariance is not { } v || m.Length != groups || v.Length != groups
            || m.Any(x => !double.IsFinite(x)) || v.Any(x => !(x > 0) || !double.IsFinite(x)))
            throw new VaeException($"--latent-library: the prior of log ℓ needs {groups} finite means and {groups} variances > 0 (LibraryLogMean, LibraryLogVariance: one per batch, set from the training data when a model is trained).");
    }

    void ValidateSequence()
    {
        if (Likelihood == LikelihoodKind.Categorical && Classes < 2)
            throw new VaeException($"the categorical likelihood needs the number of classes (Classes ≥ 2; set from token data), not {Classes}.");
        if (Architecture == Architecture.Sequence)
        {
            if (Likelihood != LikelihoodKind.Categorical) throw new VaeException($"a sequence model scores tokens with the categorical likelihood, not {Likelihood}.");
            if (Decoder != DecoderKind.Mirror || Shortcut != Shortcut.None || ConditionEncoder || ZInjection != ZInjection.Input)
                throw new VaeException("a sequence model has its own GRU decoder (z at every step); it takes no --decoder, --shortcut, --z-injection or encoder conditions.");
            if (Input.Size < 2) throw new VaeException($"a sequence model needs sequences of at least 2 tokens, not {Input.Size}.");
        }
        else if (WordDropout > 0) throw new VaeException("word dropout needs a sequence model (--model smiles).");
        if (PropertyHead is not null)
        {
            if (Properties < 1) throw new VaeException("a property head needs at least one regression target (Properties ≥ 1).");
            if (PropertyMean is { } m && m.Length != Properties || PropertyScale is { } s && (s.Length != Properties || s.Any(v => !(v > 0))))
                throw new VaeException($"PropertyMean and PropertyScale must hold {Properties} values (scales > 0).");
        }
    }
}
