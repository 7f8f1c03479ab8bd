namespace Vae.Data;

/// <summary>How binary pixel data is presented to a Bernoulli decoder.</summary>
public enum BinarizeMode
{
    /// <summary>Dynamic for a Bernoulli likelihood on data in [0, 1], otherwise none.</summary>
    Auto,
    /// <summary>Values are used as they are.</summary>
    None,
    /// <summary>The training set is binarized once (with <see cref="DataOptions.SplitSeed"/>).</summary>
    Static,
    /// <summary>A fresh Bernoulli draw per batch (Burda et al. 2015).</summary>
    Dynamic,
}

/// <summary>Where the data comes from and how it is split. Stored in a model folder's config.json.</summary>
public sealed record DataOptions
{
    /// <summary><c>fashion-mnist</c>, <c>mnist:&lt;dir&gt;</c>, <c>csv:&lt;file&gt;</c>, <c>parquet:&lt;file&gt;</c>, <c>arrow:&lt;file&gt;</c>, <c>npy:&lt;file.npy|file.npz[:array]&gt;</c>, <c>images:&lt;dir&gt;</c>, <c>smiles:&lt;file&gt;[:column]</c>, or counts: <c>10x:&lt;dir&gt;</c>, <c>counts:&lt;file&gt;</c>, <c>h5ad:&lt;file&gt;</c>.</summary>
    public string Source { get; init => field = string.IsNullOrWhiteSpace(value) ? throw new ArgumentException("Source: must name a data source (fashion-mnist, mnist:<dir>, csv:<file>).") : value; } = "fashion-mnist";

    public BinarizeMode Binarize { get; init; } = BinarizeMode.Auto;

    /// <summary>Examples held out of the training set for validation (0 trains on all of it).</summary>
    public int ValidationSize { get; init => field = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(ValidationSize), value, "ValidationSize: must be ≥ 0."); } = 5000;

    /// <summary>Use only the first N training examples (before the validation split); null for all.</summary>
    public int? TrainLimit { get; init => field = value is null or > 0 ? value : throw new ArgumentOutOfRangeException(nameof(TrainLimit), value, "TrainLimit: must be ≥ 1."); }

    /// <summary>For a single table (CSV, counts), the fraction of rows (cells) held out as the test split.</summary>
    public double TestFraction { get; init => field = value is > 0 and < 1 ? value : throw new ArgumentOutOfRangeException(nameof(TestFraction), value, "TestFraction: must be in (0, 1)."); } = 0.1;

    /// <summary>Label column of a table (name or 0-based index), or for npy: the .npz array of the labels or a column index of an N×D matrix; null for none (npy: y, Y, labels or label when present).</summary>
    public string? LabelColumn { get; init; }

    /// <summary>Count sources (10x:, counts:): a CSV of per-cell metadata joined on barcode; null for none.</summary>
    public string? Metadata { get; init; }

    /// <summary>Count sources: the metadata column of the cell labels (e.g. cell_type); null for none.</summary>
    public string? LabelKey { get; init; }

    /// <summary>Count sources: the metadata column of the batch, given to the model as a one-hot condition; null for none.</summary>
    public string? BatchKey { get; init; }

    /// <summary>AnnData sources (h5ad:): the layer read instead of X (e.g. counts, for layers/counts); null reads X.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? Layer { get; init; }

    /// <summary>AnnData sources (h5ad:): stream the training cells from the file in row blocks instead of loading them (bounded memory).</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingDefault)]
    public bool Stream { get; init; }

    /// <summary>Count sources: keep the top N highly variable genes (Seurat v3 method, per batch); null keeps every gene.</summary>
    public int? HighlyVariableGenes { get; init => field = value is null or > 0 ? value : throw new ArgumentOutOfRangeException(nameof(HighlyVariableGenes), value, "HighlyVariableGenes: must be ≥ 1."); }

    /// <summary>Seed of the validation/test split and of the fixed binarization of evaluation data.</summary>
    public int SplitSeed { get; init; }

    /// <summary>For token sequences (SMILES): the most tokens a sequence may have; longer ones are left out, never truncated.</summary>
    public int MaxTokens { get; init => field = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(MaxTokens), value, "MaxTokens: must be ≥ 1."); } = 80;

    /// <summary>For token sequences (SMILES): <see cref="Augmentation.Randomized"/> shows the training molecules in a new random spelling each epoch, drawn from the run's batch-order generator (so a resumed run sees the same spellings).</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingDefault)]
    public Augmentation Augment { get; init; }

    /// <summary>For token sequences (SMILES sources): the symbols the model reads and writes, SMILES tokens or SELFIES symbols (<c>--tokens</c>).</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingDefault)]
    public TokenLanguage Tokens { get; init; }

    /// <summary>For token sequences: the vocabulary (token of each id), fixed when a model is trained so its folder is self-contained; null builds it from the training split.</summary>
    public string[]? Vocabulary { get; init; }

    /// <summary>
    /// A conditional VAE's classes: when set, each example's class label is given to the model as a one-hot
    /// condition (<c>vae train --condition label</c>). Empty until training fixes the class names from the data,
    /// so the model folder knows them; null for no label condition.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string[]? ConditionClasses { get; init; }

    /// <summary>Regression targets per example for a property head: names of numeric columns, or properties the source computes (tpsa for SMILES); null for none.</summary>
    public string[]? Targets { get; init; }

    /// <summary>For an image folder (<c>images:&lt;dir&gt;</c>): size, channels, skipping of bad files, cache folder; null for the defaults.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public Images.ImageOptions? Images { get; init; }

    public static DataOptions FashionMnist { get; } = new();
}
