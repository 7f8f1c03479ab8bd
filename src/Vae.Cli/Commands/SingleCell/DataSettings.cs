
namespace Vae.Cli.Commands.SingleCell;

/// <summary>Options of the `sc` verbs that read counts and metadata.</summary>
public class CountDataSettings : CommonSettings
{
    [CommandOption("--data <SOURCE>")]
    [Description("Counts: 10x:<dir> (matrix.mtx[[.gz]], features.tsv[[.gz]] or genes.tsv, barcodes.tsv[[.gz]]) or counts:<file> (dense cells × genes CSV).")]
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

    public string RequireData() => string.IsNullOrWhiteSpace(Data) ? throw new VaeException("--data: name the counts (10x:<dir> or counts:<file>).") : Data;

    public string? BatchColumn => BatchKey.Equals("none", StringComparison.OrdinalIgnoreCase) ? null : BatchKey;
}
