namespace Vae.Applications.SingleCell;

/// <summary>Counts with per-cell labels (e.g. cell type) and batches taken from a metadata table, both optional.</summary>
public sealed record AnnotatedCells(CellCounts Counts, int[]? Labels, IReadOnlyList<string>? LabelNames, int[]? Batches, IReadOnlyList<string>? BatchNames)
{
    /// <summary>Reads <paramref name="data"/> (see <see cref="CountSource"/>) and joins the metadata columns on barcode.</summary>
    public static AnnotatedCells Load(string data, string? metadata, string? labelKey, string? batchKey)
    {
        var counts = CountSource.Load(data);
        if (metadata is null)
        {
            if (labelKey is not null || batchKey is not null) throw new VaeException("--label-key and --batch-key need --metadata <csv>.");
            return new AnnotatedCells(counts, null, null, null, null);
        }
        var table = CellMetadata.Read(metadata);
        var (labels, labelNames) = labelKey is null ? (null, null) : Categories.Encode(table.Join(counts.Barcodes, labelKey, "--label-key"));
        var (batches, batchNames) = batchKey is null ? (null, null) : Categories.Encode(table.Join(counts.Barcodes, batchKey, "--batch-key"));
        return new AnnotatedCells(counts, labels, labelNames, batches, batchNames);
    }
}
