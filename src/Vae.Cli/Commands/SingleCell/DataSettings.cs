
namespace Vae.Cli.Commands.SingleCell;

/// <summary>Options of the `sc` verbs that read counts and metadata.</summary>
public class CountDataSettings : CommonSettings
{
    [CommandOption("--data <SOURCE>")]
    [Description("Counts: 10x:<dir> (matrix.mtx[[.gz]], features.tsv[[.gz]] or genes.tsv, barcodes.tsv[[.gz]]), counts:<file> (dense cells × genes CSV) or h5ad:<file> (AnnData; labels and batches from its obs unless --metadata is given).")]
    public string? Data { get; init; }

    [CommandOption("--metadata <CSV>")]
    [Description("Cell metadata CSV with a barcode column (e.g. barcode,cell_type,batch), joined on barcode.")]
    public string? Metadata { get; init; }

    [CommandOption("--label-key <COLUMN>")]
    [Description("Metadata column with the known cell labels (default cell_type).")]
    [DefaultValue("cell_type")]
    public string LabelKey { get; init; } = "cell_type";

    [CommandOption("--batch-key <COLUMN>")]
    [Description("Metadata column with the batch (default batch; 'none' for no batches).")]
    [DefaultValue("batch")]
    public string BatchKey { get; init; } = "batch";

    [CommandOption("--layer <NAME>")]
    [Description("h5ad data: read layers/NAME (e.g. counts) instead of X.")]
    public string? Layer { get; init; }

    /// <summary>True when labels and batches can be read: from --metadata, or from an h5ad file's obs.</summary>
    public bool HasColumns => Metadata is not null || Data is not null && Vae.Applications.SingleCell.CountSource.H5adPath(Data) is not null;

    public string RequireData() => string.IsNullOrWhiteSpace(Data) ? throw new VaeException("--data: name the counts (10x:<dir>, counts:<file> or h5ad:<file>).") : Data;

    public string? BatchColumn => BatchKey.Equals("none", StringComparison.OrdinalIgnoreCase) ? null : BatchKey;
}
