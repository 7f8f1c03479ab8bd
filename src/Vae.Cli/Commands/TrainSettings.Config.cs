using Vae.Distributions;
using Vae.Models;
using Vae.Nn;
using Vae.Objectives;
using Vae.Presets;

namespace Vae.Cli.Commands;
/// <summary>The RunConfig that the options describe, and option-name messages for its validation errors.</summary>
public partial class TrainSettings
{
    // --condition label: the class names are filled in from the data when training starts.
    Vae.Data.Augmentation AugmentOption()
    {
        var kind = Names.Parse<Vae.Data.Augmentation>(Augment, "--augment");
        if (kind != Vae.Data.Augmentation.None && !Data.StartsWith("smiles:", StringComparison.OrdinalIgnoreCase))
            throw new VaeException($"--augment {Augment}: only SMILES data (--data smiles:…) can be augmented.");
        return kind;
    }

    Vae.Data.TokenLanguage TokensOption()
    {
        var language = Names.Parse<Vae.Data.TokenLanguage>(Tokens, "--tokens");
        if (language != Vae.Data.TokenLanguage.Smiles && !Data.StartsWith("smiles:", StringComparison.OrdinalIgnoreCase))
            throw new VaeException($"--tokens {Tokens}: only SMILES data (--data smiles:…) can be read as SELFIES.");
        return language;
    }

    string[]? LabelCondition() => Condition.ToLowerInvariant() switch
    {
        "none" => null,
        "label" => [],
        _ => throw new VaeException($"--condition {Condition}: use label (a conditional VAE on the class label) or none."),
    };

    /// <summary>The run these options describe (with <paramref name="beta"/> instead of --beta when given).</summary>
    public RunConfig ToRunConfig(double? beta = null)
    {
        string[]? targets = Property?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (targets is { Length: 0 }) throw new VaeException("--property: name at least one target (e.g. tpsa).");
        bool counts = Vae.Applications.SingleCell.CountData.IsCountSource(Data);
        if (!counts && (Metadata ?? LabelKey ?? BatchKey ?? Layer) is not null || !counts && (Hvg is not null || Stream))
            throw new VaeException($"--metadata, --label-key, --batch-key, --layer, --stream and --hvg are for count data (--data 10x:<dir>, counts:<file> or h5ad:<file>), not {Data}.");
        if (Hvg is < 0) throw new VaeException($"--hvg {Hvg}: must be ≥ 0 (0 keeps every gene).");
        var (labelKey, batchKey) = counts ? Vae.Applications.SingleCell.CountData.ResolveKeys(Data, Metadata, LabelKey, BatchKey) : (null, null);
        var config = Guard(() => new RunConfig
        {
            Model = ToModelOptions(targets),
            Data = new DataOptions
            {
                Source = Data,
                LabelColumn = LabelColumn,
                Binarize = Names.Parse<BinarizeMode>(Binarize, "--binarize"),
                ValidationSize = ValSize ?? DataPresets.ValidationSize(counts),
                TrainLimit = TrainSize,
                TestFraction = TestFraction ?? DataPresets.TestFraction,
                Metadata = Metadata,
                LabelKey = labelKey,
                BatchKey = batchKey,
                Layer = Layer,
                Stream = Stream,
                HighlyVariableGenes = !counts || Hvg == 0 ? null : Hvg ?? DataPresets.HighlyVariableGenes,
                MaxTokens = MaxTokens,
                Augment = AugmentOption(),
                Tokens = TokensOption(),
                Targets = targets,
                ConditionClasses = LabelCondition(),
                Images = ImageOptions(),
            },
            Objective = new ObjectiveOptions
            {
                Beta = beta ?? SingleBeta(),
                KlSchedule = new KlSchedule
                {
                    Kind = Names.Parse<KlScheduleKind>(KlSchedule, "--kl-schedule"),
                    Start = KlStart,
                    Length = KlWarmup,
                    Unit = Names.Parse<ScheduleUnit>(KlWarmupUnit, "--kl-warmup-unit"),
                    Cycles = KlCycles,
                    Ratio = KlRatio,
                },
                FreeBits = FreeBits,
                FreeBitsGroup = FreeBitsGroup,
                PropertyWeight = PropertyWeight,
                Disentangling = Disentangling(),
                Family = ObjectiveFamily(),
            },
            Training = new TrainingOptions
            {
                Epochs = Epochs ?? TrainingOptions.Default.Epochs,
                BatchSize = BatchSize,
                LearningRate = LearningRate,
                Seed = Seed,
                LrSchedule = Names.Parse<LrSchedule>(LrSchedule, "--lr-schedule"),
                LrStepEpochs = LrStep,
                LrGamma = LrGamma,
                LrPatience = LrPatience,
                EarlyStoppingPatience = Patience,
                GradientClip = GradClip,
                OnNan = Names.Parse<NanPolicy>(OnNan, "--on-nan"),
                MaxRollbacks = MaxRollbacks,
            },
        });
        config.Objective.Family?.Validate(config.Objective, config.Model);   // before the data loads
        return config;
    }

    /// <summary>The model the options describe: --model picks the network and the posterior, the rest fills them in.</summary>
    ModelOptions ToModelOptions(string[]? targets)
    {
        string model = Model ?? DefaultModel;
        var preset = (ModelPresets.ByName.TryGetValue(model.Trim(), out var named) ? named
            : throw new VaeException($"--model: unknown model '{model}'; valid models: {ModelPresets.Names}.")).Options;
        var quantizer = VectorQuantizer(preset);
        bool variational = preset.IsVariational;
        bool sequence = preset.Network is SequenceNetwork;
        var likelihood = sequence && Likelihood.Trim() is "bernoulli" or "categorical" ? LikelihoodKind.Categorical : Names.Parse<LikelihoodKind>(Likelihood, "--likelihood");
        var transform = InputTransform.Trim().Equals("auto", StringComparison.OrdinalIgnoreCase)
            ? DataPresets.InputTransform(likelihood)
            : Names.Parse<Vae.Models.InputTransform>(InputTransform, "--input-transform");
        var posterior = Names.Parse<PosteriorKind>(Posterior, "--posterior");
        if (posterior == PosteriorKind.PointMass) throw new VaeException("--posterior point-mass: use --model ae or conv-ae for a deterministic autoencoder.");
        if (!variational && posterior == PosteriorKind.FullCovariance) throw new VaeException("an autoencoder has no posterior covariance; --posterior full needs a VAE.");
        if (!variational) posterior = PosteriorKind.PointMass;
        if (LatentLibrary) LatentLibraryOptions.CheckModel(likelihood, posterior);
        var activation = Names.Parse<ActivationKind>(Activation, "--activation");
        var injection = Names.Parse<ZInjection>(ZInjection, "--z-injection");
        bool pixelCnn = Names.Parse<DecoderKind>(Decoder, "--decoder") == DecoderKind.PixelCnn;
        int[]? hidden = Hidden is null ? null : Names.ParseInts(Hidden, "--hidden");
        int[]? channels = Channels is null ? null : Names.ParseInts(Channels, "--channels");
        if (sequence && (pixelCnn || injection != Vae.Nn.ZInjection.Input))
            throw new VaeException("a sequence model has its own GRU decoder (z at every step); it takes no --decoder, --shortcut, --z-injection or encoder conditions.");
        if (!sequence && WordDropout > 0) throw new VaeException("word dropout needs a sequence model (--model smiles).");
        if (preset.Network is not (MlpNetwork or SequenceNetwork) && !pixelCnn && injection != Vae.Nn.ZInjection.Input)
            throw new VaeException($"z injection into every layer is available for the mlp and PixelCNN decoders, not {preset.Network.Name}.");
        if (channels is not null && preset.Network is not (ConvNetwork or SequenceNetwork))
            throw new VaeException($"--channels: the {preset.Network.Name.ToLowerInvariant()} network has no convolutions (use --model conv, conv-ae or smiles).");
        // Settings of parts this model does not have are still checked, so a typo is not silently ignored.
        _ = new SequenceNetwork { Embedding = Embedding, GruHidden = GruHidden, GruLayers = GruLayers, WordDropout = WordDropout };
        _ = new PixelCnnOptions { Features = PixelCnnFeatures, Layers = PixelCnnLayers };
        NetworkOptions net = preset.Network switch
        {
            ConvNetwork conv => conv with { Hidden = hidden ?? conv.Hidden, Activation = activation, Channels = channels },
            SequenceNetwork seq => seq with
            {
                Hidden = hidden ?? seq.Hidden, Channels = channels, Embedding = Embedding, GruHidden = GruHidden, GruLayers = GruLayers,
                Encoder = Names.Parse<SequenceEncoderKind>(SequenceEncoder, "--sequence-encoder"), WordDropout = WordDropout,
            },
            MlpNetwork mlp => mlp with { Hidden = hidden ?? mlp.Hidden, Activation = activation, ZInjection = pixelCnn ? Vae.Nn.ZInjection.Input : injection },
            var other => other,
        };
        return preset with
        {
            Network = net,
            PixelCnn = pixelCnn ? new PixelCnnOptions { Features = PixelCnnFeatures, Layers = PixelCnnLayers, ZInjection = injection } : null,
            Posterior = posterior,
            Latent = quantizer?.LatentSize ?? (Latent > 0 ? Latent : throw new VaeException($"--latent {Latent}: the latent dimension must be ≥ 1.")),
            Likelihood = likelihood,
            InputTransform = transform,
            ConditionEncoder = ConditionEncoder || LabelCondition() is not null,   // a conditional VAE conditions both (Sohn et al. 2015)
            LatentLibrary = LatentLibrary ? new LatentLibraryOptions() : null,
            Sigma = Sigma,
            SigmaFloor = SigmaFloor,
            Shortcut = Names.Parse<Shortcut>(Shortcut, "--shortcut"),
            PosteriorExtension = OneExtension(OneExtension(FlowOptions(variational, posterior), TopLayer(activation)), quantizer),
            Prior = LearnedPrior(),
            PropertyHead = targets is null ? null : new PropertyHeadOptions { Hidden = Names.ParseInts(PropertyHidden, "--property-hidden"), Activation = activation },
        };
    }

    /// <summary>--decoder: the network's mirror, or a PixelCNN.</summary>
    enum DecoderKind { Mirror, PixelCnn }

    /// <summary>The values of --beta (one or more, comma-separated).</summary>
    public double[] Betas()
    {
        var values = new List<double>();
        foreach (var part in Beta.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!double.TryParse(part, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double b))
                throw new VaeException($"--beta: '{part}' is not a number.");
            if (!(b >= 0) || !double.IsFinite(b)) throw new VaeException($"--beta {part}: must be a finite number ≥ 0.");
            values.Add(b);
        }
        if (values.Count == 0) throw new VaeException("--beta: give a value.");
        return values.ToArray();
    }

    double SingleBeta()
    {
        var values = Betas();
        return values.Length == 1 ? values[0] : throw new VaeException($"--beta {Beta}: `vae train` takes one β; use `vae sweep` for several.");
    }

    /// <summary>Turns an options record's validation error into a message naming the command-line option.</summary>
    public static T Guard<T>(Func<T> build) => OptionErrors.Guard(build, OptionNames);

    static readonly Dictionary<string, string> OptionNames = new()
    {
        ["Latent"] = "--latent", ["Hidden"] = "--hidden", ["Sigma"] = "--sigma", ["SigmaFloor"] = "--sigma-floor",
        ["Beta"] = "--beta", ["Epochs"] = "--epochs", ["BatchSize"] = "--batch-size", ["LearningRate"] = "--lr",
        ["LrStepEpochs"] = "--lr-step", ["LrGamma"] = "--lr-gamma", ["LrPatience"] = "--lr-patience",
        ["EarlyStoppingPatience"] = "--patience", ["ValidationSize"] = "--val-size", ["TrainLimit"] = "--train-size",
        ["TestFraction"] = "--test-fraction", ["HighlyVariableGenes"] = "--hvg",
        ["Start"] = "--kl-start", ["Length"] = "--kl-warmup", ["Cycles"] = "--kl-cycles", ["Ratio"] = "--kl-ratio",
        ["GradientClip"] = "--grad-clip", ["MaxRollbacks"] = "--max-rollbacks",
        ["FreeBits"] = "--free-bits", ["FreeBitsGroup"] = "--free-bits-group",
        ["Features"] = "--pixelcnn-features", ["Layers"] = "--pixelcnn-layers",
        ["MaxTokens"] = "--max-tokens", ["Embedding"] = "--embedding", ["GruHidden"] = "--gru-hidden", ["GruLayers"] = "--gru-layers",
        ["WordDropout"] = "--word-dropout", ["PropertyHead"] = "--property-hidden", ["Targets"] = "--property", ["PropertyWeight"] = "--property-weight",
        ["TopLatent"] = "--top-latent", ["TopHidden"] = "--top-hidden", ["Components"] = "--prior vamp:K",
        ["CapacityMax"] = "--capacity-max", ["CapacityGamma"] = "--capacity-gamma", ["CapacityLength"] = "--capacity-epochs/--capacity-steps",
        ["TcWeight"] = "--tc-weight", ["DipOffDiagonal"] = "--dip-lambda-od", ["DipDiagonal"] = "--dip-lambda-d", ["FactorGamma"] = "--factor-gamma",
        ["Codes"] = "--vq-codes", ["CodeSize"] = "--vq-dim", ["Grid"] = "--vq-grid", ["Commitment"] = "--vq-beta",
        ["DiscriminatorHidden"] = "--discriminator-hidden", ["DiscriminatorLayers"] = "--discriminator-layers", ["DiscriminatorLearningRate"] = "--discriminator-lr",
    };

    /// <summary>The posterior extension of --flow or --top-latent: a model takes one of them.</summary>
    static PosteriorExtensionOptions? OneExtension(PosteriorExtensionOptions? flow, PosteriorExtensionOptions? topLayer) =>
        flow is not null && topLayer is not null
            ? throw new VaeException("--flow, --top-latent and --vq-codes: a model takes one posterior extension (a flow, a second stochastic layer or a quantizer); give one of them.")
            : flow ?? topLayer;
}
