using System.ComponentModel;
using Spectre.Console.Cli;
using Vae.Data;
using Vae.Distributions;
using Vae.Models;
using Vae.Nn;
using Vae.Objectives;
using Vae.Training;

namespace Vae.Cli.Commands;

public class TrainSettings : CommonSettings
{
    [CommandOption("--data <SOURCE>")]
    [Description("Data: fashion-mnist (default), mnist:<dir>, csv:<file>; molecules: smiles:<file>[[:column]] (shorthands smiles:wehi, smiles:nci, smiles:chembl); single-cell counts: 10x:<dir> or counts:<file> (with --metadata, --batch-key, --label-key, --hvg).")]
    public string Data { get; init; } = "fashion-mnist";

    [CommandOption("--metadata <CSV>")]
    [Description("Counts: a per-cell metadata CSV with a barcode column (e.g. barcode,cell_type,batch), joined on barcode.")]
    public string? Metadata { get; init; }

    [CommandOption("--label-key <COLUMN>")]
    [Description("Counts: the metadata column of the cell labels (default cell_type when the metadata has it; 'none' for none).")]
    public string? LabelKey { get; init; }

    [CommandOption("--batch-key <COLUMN>")]
    [Description("Counts: the metadata column of the batch, given to the decoder as a one-hot condition (default batch when the metadata has it; 'none' for none).")]
    public string? BatchKey { get; init; }

    [CommandOption("--hvg <N>")]
    [Description("Counts: keep the top N highly variable genes (Seurat v3 method, per batch; default 2000; 0 keeps every gene).")]
    public int? Hvg { get; init; }

    [CommandOption("--test-fraction <F>")]
    [Description("csv and count data: the fraction of rows (cells) held out as the test split (default 0.1).")]
    public double? TestFraction { get; init; }

    [CommandOption("--condition-encoder")]
    [Description("Also give the conditions (the one-hot batch) to the encoder, not only to the decoder.")]
    public bool ConditionEncoder { get; init; }

    [CommandOption("--input-transform <T>")]
    [Description("Transform of x before the encoder only (the likelihood scores the raw x): auto (default: log1p for poisson, nb, zinb; else none), none or log1p.")]
    public string InputTransform { get; init; } = "auto";

    [CommandOption("--latent-library")]
    [Description("Counts (poisson, nb, zinb): a latent library size as in scVI: log ℓ ~ q(l|x) from a second encoder head, with a log-normal prior whose mean and variance are those of the log total counts of the training cells of each batch; its KL is added to the loss and reported as kl_library. Default: the observed total counts.")]
    public bool LatentLibrary { get; init; }

    [CommandOption("--label-column <NAME>")]
    [Description("For csv data: the label column (name or 0-based index).")]
    public string? LabelColumn { get; init; }

    [CommandOption("--model <KIND>")]
    [Description("mlp (default), conv, linear (no hidden layers: with a Gaussian likelihood log p(x) is exact), ae (deterministic MLP autoencoder), conv-ae, or smiles (GRU sequence VAE over SMILES tokens; needs --data smiles:<file>).")]
    public string Model { get; init; } = "mlp";

    [CommandOption("--latent <D>")]
    [Description("Latent dimension d (default 20).")]
    public int Latent { get; init; } = 20;

    [CommandOption("--hidden <SIZES>")]
    [Description("Hidden layer widths, comma-separated (default 400 for mlp, 256 for conv's and smiles' dense layer).")]
    public string? Hidden { get; init; }

    [CommandOption("--channels <SIZES>")]
    [Description("Conv models: channels per convolution stage (default 32,64 for 28x28; 32,32,64,64 for 64x64; 64,64,64 for smiles).")]
    public string? Channels { get; init; }

    [CommandOption("--activation <NAME>")]
    [Description("relu (default), leaky-relu, elu, tanh, gelu, silu, softplus.")]
    public string Activation { get; init; } = "relu";

    [CommandOption("--likelihood <NAME>")]
    [Description("bernoulli (default), gaussian (fixed sigma), gaussian-learned, gaussian-optimal (sigma^2 = MSE), gaussian-per-feature; for counts: poisson, nb (negative-binomial), zinb (zero-inflated-negative-binomial).")]
    public string Likelihood { get; init; } = "bernoulli";

    [CommandOption("--posterior <KIND>")]
    [Description("q(z|x): diagonal (default) or full-covariance (a Cholesky-factor head; captures correlated posteriors).")]
    public string Posterior { get; init; } = "diagonal";

    [CommandOption("--sigma <S>")]
    [Description("Gaussian sigma: fixed value, or the initial value of a learned one (default 1).")]
    public double Sigma { get; init; } = 1.0;

    [CommandOption("--sigma-floor <S>")]
    [Description("Smallest sigma a learned or calibrated Gaussian may reach (default 0.001; 0 = unbounded).")]
    public double SigmaFloor { get; init; } = 1e-3;

    [CommandOption("--beta <B>")]
    [Description("Weight on the KL term (default 1: the ELBO). `vae sweep` takes a comma-separated list.")]
    public string Beta { get; init; } = "1";

    [CommandOption("--kl-schedule <NAME>")]
    [Description("KL weight over training: constant (default), linear (warm-up from --kl-start to 1 over --kl-warmup) or cyclical (--kl-cycles cycles, rising for --kl-ratio of each).")]
    public string KlSchedule { get; init; } = "constant";

    [CommandOption("--kl-start <W>")]
    [Description("Linear warm-up: the KL weight at the start (default 0).")]
    public double KlStart { get; init; }

    [CommandOption("--kl-warmup <N>")]
    [Description("Linear warm-up length, in --kl-warmup-unit (default 10).")]
    public double KlWarmup { get; init; } = 10;

    [CommandOption("--kl-warmup-unit <UNIT>")]
    [Description("epochs (default) or steps.")]
    public string KlWarmupUnit { get; init; } = "epochs";

    [CommandOption("--kl-cycles <M>")]
    [Description("Cyclical annealing: number of cycles over the run (default 4).")]
    public int KlCycles { get; init; } = 4;

    [CommandOption("--kl-ratio <R>")]
    [Description("Cyclical annealing: fraction of each cycle spent rising (default 0.5).")]
    public double KlRatio { get; init; } = 0.5;

    [CommandOption("--free-bits <LAMBDA>")]
    [Description("Free bits: each group of latent dimensions pays at least LAMBDA nats of KL, so below it the KL has no gradient (default 0: off).")]
    public double FreeBits { get; init; }

    [CommandOption("--free-bits-group <G>")]
    [Description("Latent dimensions per free-bits group (default 1: per dimension).")]
    public int FreeBitsGroup { get; init; } = 1;

    [CommandOption("--objective <NAME>")]
    [Description("Training objective: elbo (default; with --beta > 1 the β-VAE), capacity (Burgess et al. 2018: γ|KL − C|, C rising to --capacity-max), beta-tcvae (Chen et al. 2018: --tc-weight on the total correlation), dip-vae-i, dip-vae-ii (Kumar et al. 2018: covariance penalties --dip-lambda-od, --dip-lambda-d) or factor-vae (Kim and Mnih 2018: a discriminator's TC estimate weighted by --factor-gamma).")]
    public string ObjectiveName { get; init; } = "elbo";

    [CommandOption("--capacity-max <C>")]
    [Description("capacity: the final capacity C_max in nats (default 25).")]
    public double? CapacityMax { get; init; }

    [CommandOption("--capacity-gamma <G>")]
    [Description("capacity: the weight γ on |KL − C| (default 1000).")]
    public double? CapacityGamma { get; init; }

    [CommandOption("--capacity-epochs <E>")]
    [Description("capacity: C rises linearly from 0 to C_max over E epochs (default 10).")]
    public double? CapacityEpochs { get; init; }

    [CommandOption("--capacity-steps <S>")]
    [Description("capacity: C rises over S optimizer steps instead of --capacity-epochs.")]
    public double? CapacitySteps { get; init; }

    [CommandOption("--tc-weight <B>")]
    [Description("beta-tcvae: the weight β on the total correlation (default 6; 1 gives the ELBO).")]
    public double? TcWeight { get; init; }

    [CommandOption("--dip-lambda-od <L>")]
    [Description("dip-vae-i, dip-vae-ii: the weight λ_od on the squared off-diagonal covariances (default 10).")]
    public double? DipLambdaOd { get; init; }

    [CommandOption("--dip-lambda-d <L>")]
    [Description("dip-vae-i, dip-vae-ii: the weight λ_d on the squared deviations of the variances from 1 (default 10 λ_od for dip-vae-i, λ_od for dip-vae-ii).")]
    public double? DipLambdaD { get; init; }

    [CommandOption("--factor-gamma <G>")]
    [Description("factor-vae: the weight γ on the discriminator's total-correlation estimate (default 10).")]
    public double? FactorGamma { get; init; }

    [CommandOption("--discriminator-hidden <W>")]
    [Description("factor-vae: width of the discriminator's hidden layers (default 256; the paper uses 1000).")]
    public int? DiscriminatorHidden { get; init; }

    [CommandOption("--discriminator-layers <L>")]
    [Description("factor-vae: hidden layers of the discriminator (default 3; the paper uses 6).")]
    public int? DiscriminatorLayers { get; init; }

    [CommandOption("--discriminator-lr <X>")]
    [Description("factor-vae: the discriminator's Adam learning rate (default 0.0001, β1 0.5, β2 0.9).")]
    public double? DiscriminatorLr { get; init; }

    [CommandOption("--decoder <KIND>")]
    [Description("mirror (default: mirrors the encoder) or pixel-cnn (autoregressive over pixels, conditioned on z; strong enough to ignore z).")]
    public string Decoder { get; init; } = "mirror";

    [CommandOption("--z-injection <HOW>")]
    [Description("How z enters the decoder: input (default), every-layer (skip-VAE) or film (per-feature scale and shift); mlp and pixel-cnn decoders.")]
    public string ZInjection { get; init; } = "input";

    [CommandOption("--shortcut <KIND>")]
    [Description("none (default) or first-half: the decoder also sees the first half of x (the top half of an image), bypassing z.")]
    public string Shortcut { get; init; } = "none";

    [CommandOption("--pixelcnn-features <F>")]
    [Description("PixelCNN decoder: feature channels (default 32).")]
    public int PixelCnnFeatures { get; init; } = 32;

    [CommandOption("--pixelcnn-layers <L>")]
    [Description("PixelCNN decoder: residual masked layers after the first (default 3).")]
    public int PixelCnnLayers { get; init; } = 3;

    [CommandOption("--max-tokens <N>")]
    [Description("smiles: the most tokens a molecule may have; longer molecules are left out, never truncated (default 80).")]
    public int MaxTokens { get; init; } = 80;

    [CommandOption("--embedding <E>")]
    [Description("smiles: width of the token embeddings (default 64).")]
    public int Embedding { get; init; } = 64;

    [CommandOption("--sequence-encoder <KIND>")]
    [Description("smiles: conv (default: 1-D convolutions, --channels per layer, then a dense layer of --hidden) or gru (bidirectional GRU of --gru-hidden).")]
    public string SequenceEncoder { get; init; } = "conv";

    [CommandOption("--gru-hidden <H>")]
    [Description("smiles: hidden size of the encoder's and decoder's GRUs (default 256).")]
    public int GruHidden { get; init; } = 256;

    [CommandOption("--gru-layers <L>")]
    [Description("smiles: stacked GRU layers (default 1).")]
    public int GruLayers { get; init; } = 1;

    [CommandOption("--word-dropout <P>")]
    [Description("smiles: probability that a teacher-forced decoder input is replaced by <unk> during training (Bowman et al. 2016; default 0).")]
    public double WordDropout { get; init; }

    [CommandOption("--property <NAMES>")]
    [Description("Train a property head on z that predicts these targets, comma-separated: tpsa (computed for SMILES) or numeric columns of the data file.")]
    public string? Property { get; init; }

    [CommandOption("--property-hidden <SIZES>")]
    [Description("Hidden widths of the property head's MLP (default 64).")]
    public string PropertyHidden { get; init; } = "64";

    [CommandOption("--property-weight <W>")]
    [Description("Weight of the property head's mean squared error (standardized targets) in the loss (default 1).")]
    public double PropertyWeight { get; init; } = 1;

    [CommandOption("--epochs <N>")]
    [Description("Epochs to train (default 10). With --resume: the new total.")]
    public int? Epochs { get; init; }

    [CommandOption("--batch-size <B>")]
    [Description("Mini-batch size (default 128).")]
    public int BatchSize { get; init; } = 128;

    [CommandOption("--lr <X>")]
    [Description("Adam learning rate (default 0.001).")]
    public double LearningRate { get; init; } = 1e-3;

    [CommandOption("--lr-schedule <NAME>")]
    [Description("constant (default), step (x gamma every --lr-step epochs) or plateau (x gamma after --lr-patience epochs without validation improvement).")]
    public string LrSchedule { get; init; } = "constant";

    [CommandOption("--lr-step <N>")]
    [Description("Epochs between step decays (default 10).")]
    public int LrStep { get; init; } = 10;

    [CommandOption("--lr-gamma <G>")]
    [Description("Decay factor of the learning-rate schedules (default 0.5).")]
    public double LrGamma { get; init; } = 0.5;

    [CommandOption("--lr-patience <N>")]
    [Description("Plateau schedule: epochs without improvement before a decay (default 5).")]
    public int LrPatience { get; init; } = 5;

    [CommandOption("--patience <N>")]
    [Description("Early stopping: stop after N epochs without a better validation ELBO (default: off). The best weights are kept either way.")]
    public int? Patience { get; init; }

    [CommandOption("--grad-clip <NORM>")]
    [Description("Clip the gradient's total norm to NORM before each step (default: no clipping).")]
    public double? GradClip { get; init; }

    [CommandOption("--on-nan <POLICY>")]
    [Description("When a loss term or gradient is NaN or infinite: stop (default; the last checkpoint stays intact), skip (drop that step, count it) or rollback (restore the last checkpoint and halve the learning rate).")]
    public string OnNan { get; init; } = "stop";

    [CommandOption("--max-rollbacks <N>")]
    [Description("With --on-nan rollback: stop after N rollbacks (default 5).")]
    public int MaxRollbacks { get; init; } = 5;

    [CommandOption("--seed <S>")]
    [Description("Seed of weights, batch order and noise; the same seed gives the same numbers (default 1).")]
    public int Seed { get; init; } = 1;

    [CommandOption("--binarize <MODE>")]
    [Description("auto (default: dynamic for bernoulli on [[0,1]] data, else none), dynamic, static or none.")]
    public string Binarize { get; init; } = "auto";

    [CommandOption("--val-size <N>")]
    [Description("Training examples held out for validation (default 5000; for count data 0; 0 trains on all).")]
    public int? ValSize { get; init; }

    [CommandOption("--train-size <N>")]
    [Description("Use only the first N training examples (default: all).")]
    public int? TrainSize { get; init; }

    [CommandOption("--out <DIR>")]
    [Description("The model folder to write (required unless --resume).")]
    public string? Out { get; init; }

    [CommandOption("--resume <DIR>")]
    [Description("Continue the run in this model folder (its config is used; --epochs may extend it).")]
    public string? Resume { get; init; }

    [CommandOption("--overwrite")]
    [Description("Replace a model already in --out.")]
    public bool Overwrite { get; init; }

    /// <summary>The run these options describe (with <paramref name="beta"/> instead of --beta when given).</summary>
    public RunConfig ToRunConfig(double? beta = null)
    {
        var (kind, arch) = Model.Trim().ToLowerInvariant() switch
        {
            "mlp" => (ModelKind.Vae, Architecture.Mlp),
            "conv" => (ModelKind.Vae, Architecture.Conv),
            "linear" => (ModelKind.Vae, Architecture.Linear),
            "ae" => (ModelKind.Autoencoder, Architecture.Mlp),
            "conv-ae" => (ModelKind.Autoencoder, Architecture.Conv),
            "smiles" => (ModelKind.Vae, Architecture.Sequence),
            _ => throw new VaeException($"--model: unknown model '{Model}'; valid models: mlp, conv, linear, ae, conv-ae, smiles."),
        };
        var preset = arch switch { Architecture.Conv => ModelOptions.MnistConv, Architecture.Sequence => ModelOptions.SmilesGru, _ => ModelOptions.MnistMlp };
        bool sequence = arch == Architecture.Sequence;
        string[]? targets = Property?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (targets is { Length: 0 }) throw new VaeException("--property: name at least one target (e.g. tpsa).");
        var likelihood = sequence && Likelihood.Trim() is "bernoulli" or "categorical" ? LikelihoodKind.Categorical : Names.Parse<LikelihoodKind>(Likelihood, "--likelihood");
        bool counts = Vae.Applications.SingleCell.CountData.IsCountSource(Data);
        if (!counts && (Metadata ?? LabelKey ?? BatchKey) is not null || !counts && Hvg is not null)
            throw new VaeException($"--metadata, --label-key, --batch-key and --hvg are for count data (--data 10x:<dir> or counts:<file>), not {Data}.");
        if (Hvg is < 0) throw new VaeException($"--hvg {Hvg}: must be ≥ 0 (0 keeps every gene).");
        var (labelKey, batchKey) = counts ? Vae.Applications.SingleCell.CountData.ResolveKeys(Metadata, LabelKey, BatchKey) : (null, null);
        var transform = InputTransform.Trim().Equals("auto", StringComparison.OrdinalIgnoreCase)
            ? (CountLikelihood.IsCountKind(likelihood) ? Vae.Models.InputTransform.Log1p : Vae.Models.InputTransform.None)
            : Names.Parse<Vae.Models.InputTransform>(InputTransform, "--input-transform");
        if (LatentLibrary) new ModelOptions { Kind = kind, Likelihood = likelihood, LatentLibrary = true }.CheckLatentLibraryModel();
        return Guard(() => new RunConfig
        {
            Model = preset with
            {
                Kind = kind,
                Architecture = arch,
                Latent = Latent > 0 ? Latent : throw new VaeException($"--latent {Latent}: the latent dimension must be ≥ 1."),
                Hidden = Hidden is null ? preset.Hidden : Names.ParseInts(Hidden, "--hidden"),
                Channels = Channels is null ? null : Names.ParseInts(Channels, "--channels"),
                Activation = Names.Parse<ActivationKind>(Activation, "--activation"),
                Likelihood = likelihood,
                InputTransform = transform,
                ConditionEncoder = ConditionEncoder,
                LatentLibrary = LatentLibrary,
                Posterior = Names.Parse<PosteriorKind>(Posterior, "--posterior"),
                Sigma = Sigma,
                SigmaFloor = SigmaFloor,
                Decoder = Names.Parse<DecoderKind>(Decoder, "--decoder"),
                ZInjection = Names.Parse<ZInjection>(ZInjection, "--z-injection"),
                Shortcut = Names.Parse<Shortcut>(Shortcut, "--shortcut"),
                PixelCnnFeatures = PixelCnnFeatures,
                PixelCnnLayers = PixelCnnLayers,
                Embedding = Embedding,
                GruHidden = GruHidden,
                GruLayers = GruLayers,
                SequenceEncoder = Names.Parse<SequenceEncoderKind>(SequenceEncoder, "--sequence-encoder"),
                WordDropout = WordDropout,
                PropertyHead = targets is null ? null : Names.ParseInts(PropertyHidden, "--property-hidden"),
            },
            Data = new DataOptions
            {
                Source = Data,
                LabelColumn = LabelColumn,
                Binarize = Names.Parse<BinarizeMode>(Binarize, "--binarize"),
                ValidationSize = ValSize ?? (counts ? 0 : 5000),
                TrainLimit = TrainSize,
                TestFraction = TestFraction ?? 0.1,
                Metadata = Metadata,
                LabelKey = labelKey,
                BatchKey = batchKey,
                HighlyVariableGenes = !counts || Hvg == 0 ? null : Hvg ?? 2000,
                MaxTokens = MaxTokens,
                Targets = targets,
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
            },
            Training = new TrainingOptions
            {
                Epochs = Epochs ?? 10,
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
    }

    /// <summary>The β-VAE-family objective of --objective and its options (null for the ELBO); an option of another objective is an error.</summary>
    DisentanglingOptions? Disentangling()
    {
        var kind = Names.Parse<ObjectiveKind>(ObjectiveName, "--objective");
        var dip = new[] { ObjectiveKind.DipVaeI, ObjectiveKind.DipVaeII };
        var owned = new (string Option, object? Value, ObjectiveKind[] For)[]
        {
            ("--capacity-max", CapacityMax, [ObjectiveKind.Capacity]), ("--capacity-gamma", CapacityGamma, [ObjectiveKind.Capacity]),
            ("--capacity-epochs", CapacityEpochs, [ObjectiveKind.Capacity]), ("--capacity-steps", CapacitySteps, [ObjectiveKind.Capacity]),
            ("--tc-weight", TcWeight, [ObjectiveKind.BetaTcvae]), ("--dip-lambda-od", DipLambdaOd, dip), ("--dip-lambda-d", DipLambdaD, dip),
            ("--factor-gamma", FactorGamma, [ObjectiveKind.FactorVae]), ("--discriminator-hidden", DiscriminatorHidden, [ObjectiveKind.FactorVae]),
            ("--discriminator-layers", DiscriminatorLayers, [ObjectiveKind.FactorVae]), ("--discriminator-lr", DiscriminatorLr, [ObjectiveKind.FactorVae]),
        };
        foreach (var (option, value, kinds) in owned)
            if (value is not null && !kinds.Contains(kind))
                throw new VaeException($"{option}: is an option of --objective {string.Join(" and ", kinds.Select(k => Names.Of(k)))}; this run's objective is {Names.Of(kind)}.");
        if (CapacityEpochs is not null && CapacitySteps is not null) throw new VaeException("--capacity-epochs and --capacity-steps: give one of them.");
        if (kind == ObjectiveKind.Elbo) return null;
        var d = new DisentanglingOptions { Kind = kind };
        return d with
        {
            CapacityMax = CapacityMax ?? d.CapacityMax,
            CapacityGamma = CapacityGamma ?? d.CapacityGamma,
            CapacityLength = CapacitySteps ?? CapacityEpochs ?? d.CapacityLength,
            CapacityUnit = CapacitySteps is not null ? ScheduleUnit.Steps : ScheduleUnit.Epochs,
            TcWeight = TcWeight ?? d.TcWeight,
            DipOffDiagonal = DipLambdaOd ?? d.DipOffDiagonal,
            DipDiagonal = DipLambdaD,
            FactorGamma = FactorGamma ?? d.FactorGamma,
            DiscriminatorHidden = DiscriminatorHidden ?? d.DiscriminatorHidden,
            DiscriminatorLayers = DiscriminatorLayers ?? d.DiscriminatorLayers,
            DiscriminatorLearningRate = DiscriminatorLr ?? d.DiscriminatorLearningRate,
        };
    }

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
    public static T Guard<T>(Func<T> build)
    {
        try { return build(); }
        catch (ArgumentOutOfRangeException e) { throw new VaeException(OptionMessage(e)); }
    }

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
        ["PixelCnnFeatures"] = "--pixelcnn-features", ["PixelCnnLayers"] = "--pixelcnn-layers",
        ["MaxTokens"] = "--max-tokens", ["Embedding"] = "--embedding", ["GruHidden"] = "--gru-hidden", ["GruLayers"] = "--gru-layers",
        ["WordDropout"] = "--word-dropout", ["PropertyHead"] = "--property-hidden", ["PropertyWeight"] = "--property-weight",
        ["CapacityMax"] = "--capacity-max", ["CapacityGamma"] = "--capacity-gamma", ["CapacityLength"] = "--capacity-epochs/--capacity-steps",
        ["TcWeight"] = "--tc-weight", ["DipOffDiagonal"] = "--dip-lambda-od", ["DipDiagonal"] = "--dip-lambda-d", ["FactorGamma"] = "--factor-gamma",
        ["DiscriminatorHidden"] = "--discriminator-hidden", ["DiscriminatorLayers"] = "--discriminator-layers", ["DiscriminatorLearningRate"] = "--discriminator-lr",
    };

    static string OptionMessage(ArgumentOutOfRangeException e)
    {
        string option = e.ParamName is not null && OptionNames.TryGetValue(e.ParamName, out var o) ? o : e.ParamName ?? "option";
        string reason = e.Message.Split('\n')[0];
        int colon = reason.IndexOf(": ", StringComparison.Ordinal);
        if (colon >= 0) reason = reason[(colon + 2)..];
        int paren = reason.IndexOf(" (Parameter", StringComparison.Ordinal);
        if (paren >= 0) reason = reason[..paren];
        return $"{option} {e.ActualValue}: {reason.TrimEnd('.')}.";
    }
}
