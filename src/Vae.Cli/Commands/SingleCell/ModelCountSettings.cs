using Vae.Applications.SingleCell;

namespace Vae.Cli.Commands.SingleCell;

/// <summary>Options of the `sc` verbs that read a model trained on counts, and its cells.</summary>
public class ModelCountSettings : ModelSettings
{
    [CommandOption("--data <SOURCE>")]
    [Description("The counts (10x:<dir>, counts:<file> or h5ad:<file>); default: the data the model was trained on (from its config.json).")]
    public string? Data { get; init; }

    [CommandOption("--metadata <CSV>")]
    [Description("Cell metadata CSV joined on barcode; default: the model's.")]
    public string? Metadata { get; init; }

    [CommandOption("--label-key <COLUMN>")]
    [Description("Metadata column of the known cell labels (default: the model's, else cell_type).")]
    public string? LabelKey { get; init; }

    [CommandOption("--batch-key <COLUMN>")]
    [Description("Metadata column of the batch for batch mixing (default: the model's batch covariate, else batch; 'none' for none).")]
    public string? BatchKey { get; init; }

    /// <summary>The model's cells, with the labels and batches these options name.</summary>
    public ModelCells LoadCells(RunConfig config) => ModelCells.Load(config, Data, Metadata, LabelKey, BatchKey);
}
