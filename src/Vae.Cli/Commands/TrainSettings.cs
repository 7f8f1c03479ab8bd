using Vae.Distributions;
using Vae.Models;
using Vae.Nn;
using Vae.Objectives;

namespace Vae.Cli.Commands;
/// <summary>The options of `vae train` (and `vae sweep`): data, model, training. The objective's options are in TrainSettings.Objective.cs, the RunConfig they make in TrainSettings.Config.cs.</summary>
public partial class TrainSettings : CommonSettings
{
    [CommandOption("--data <SOURCE>")]
    [Description("Data: fashion-mnist (default), mnist:<dir>, csv:<file>; tables and arrays: parquet:<file>, arrow:<file> (Arrow IPC / Feather v2), npy:<file.npy> or npy:<file.npz>[[:array]]; images:<dir> (PNG, JPEG, BMP, GIF, WebP; subfolders are classes; train/ and test/ subfolders are the splits; with --image-size, --image-channels, --skip-bad-images); molecules: smiles:<file>[[:column]] (shorthands smiles:wehi, smiles:nci, smiles:chembl); single-cell counts: 10x:<dir>, counts:<file> or h5ad:<file> (an AnnData file; with --metadata, --batch-key, --label-key, --hvg, --layer).")]
    public string Data { get; init; } = "fashion-mnist";

    [CommandOption("--metadata <CSV>")]
    [Description("Counts: a per-cell metadata CSV with a barcode column (e.g. barcode,cell_type,batch), joined on barcode.")]
    public string? Metadata { get; init; }

    [CommandOption("--layer <NAME>")]
    [Description("h5ad data: read the counts from layers/NAME (e.g. counts) instead of X.")]
    public string? Layer { get; init; }

    [CommandOption("--stream")]
    [Description("h5ad data: stream the training cells from the file in blocks of rows instead of loading the matrix (bounded memory for files larger than memory; needs CSR or dense X; --hvg selects genes in two passes over the file).")]
    public bool Stream { get; init; }

    [CommandOption("--label-key <COLUMN>")]
    [Description("Counts: the metadata column (for h5ad without --metadata: the obs column) of the cell labels (default cell_type when there is one; 'none' for none).")]
    public string? LabelKey { get; init; }

    [CommandOption("--batch-key <COLUMN>")]
    [Description("Counts: the metadata (or h5ad obs) column of the batch, given to the decoder as a one-hot condition (default batch when the metadata has it; 'none' for none).")]
    public string? BatchKey { get; init; }

    [CommandOption("--hvg <N>")]
    [Description("Counts: keep the top N highly variable genes (Seurat v3 method, per batch; default 2000; 0 keeps every gene).")]
    public int? Hvg { get; init; }

    [CommandOption("--test-fraction <F>")]
    [Description("csv, count and image data: the fraction of rows (cells, images) held out as the test split (default 0.1).")]
    public double? TestFraction { get; init; }

    [CommandOption("--condition <WHAT>")]
    [Description("label: a conditional VAE, encoder and decoder given each example's one-hot class label (fashion-mnist, mnist:, csv: with --label-column); sample a class with `vae sample --label`. none (default).")]
    [DefaultValue("none")]
    public string Condition { get; init; } = "none";

    [CommandOption("--condition-encoder")]
    [Description("Also give the conditions (the one-hot batch or --condition label) to the encoder, not only to the decoder.")]
    public bool ConditionEncoder { get; init; }

    [CommandOption("--input-transform <T>")]
    [Description("Transform of x before the encoder only (the likelihood scores the raw x): auto (default: log1p for poisson, nb, zinb; else none), none or log1p.")]
    public string InputTransform { get; init; } = "auto";

    [CommandOption("--latent-library")]
    [Description("Counts (poisson, nb, zinb): a latent library size as in scVI: log ℓ ~ q(l|x) from a second encoder head, with a log-normal prior whose mean and variance are those of the log total counts of the training cells of each batch; its KL is added to the loss and reported as kl_library. Default: the observed total counts.")]
    public bool LatentLibrary { get; init; }

    [CommandOption("--label-column <NAME>")]
    [Description("For csv:, parquet: and arrow: tables: the label column (name or 0-based index). For npy: an .npz array name (default: y, Y, labels or label when present) or, for an N×D matrix, a column index.")]
    public string? LabelColumn { get; init; }

    [CommandOption("--model <KIND>")]
    [Description("mlp (default; ae with --objective wae-mmd, rae-l2 or rae-gp), conv, linear (no hidden layers: with a Gaussian likelihood log p(x) is exact), ae (deterministic MLP autoencoder), conv-ae, or smiles (GRU sequence VAE over SMILES tokens; needs --data smiles:<file>).")]
    public string? Model { get; init; }

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

    [CommandOption("--tokens <LANGUAGE>")]
    [Description("smiles: the symbols the model reads and writes: smiles (default; SMILES tokens) or selfies (SELFIES symbols, every sequence a valid molecule).")]
    public string Tokens { get; init; } = "smiles";

    [CommandOption("--augment <KIND>")]
    [Description("smiles: none (default) or randomized (each epoch a random valid spelling of every training molecule, Bjerrum 2017).")]
    public string Augment { get; init; } = "none";

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
    [Description("Train a property head on z that predicts these targets, comma-separated: tpsa or logp (computed for SMILES) or numeric columns of the data file.")]
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
}
