namespace Vae.Applications.SingleCell;

/// <summary>Counts with per-cell labels (e.g. cell type) and batches taken from a metadata table or an AnnData file's obs, both optional.</summary>
public sealed record AnnotatedCells(CellCounts Counts, int[]? Labels, IReadOnlyList<string>? LabelNames, int[]? Batches, IReadOnlyList<string>? BatchNames)
{
    /// <summary>
    /// Reads <paramref name="data"/> (see <see cref="CountSource"/>) and takes the label and batch columns
    /// from <paramref name="metadata"/> (joined on barcode) or, for an AnnData file without it, from its obs.
    /// </summary>
    public static AnnotatedCells Load(string data, string? metadata, string? labelKey, string? batchKey, string? layer = null)
    {
        var counts = CountSource.Load(data, layer);
        if (labelKey is null && batchKey is null) return new AnnotatedCells(counts, null, null, null, null);
        var table = CountSource.Columns(data, metadata)
            ?? throw new VaeException("--label-key and --batch-key need --metadata <csv> (or an h5ad:<file> source, whose obs columns they name).");
        var (labels, labelNames) = labelKey is null ? (null, null) : Categories.Encode(table.Values(counts.Barcodes, labelKey, "--label-key"));
        var (batches, batchNames) = batchKey is null ? (null, null) : Categories.Encode(table.Values(counts.Barcodes, batchKey, "--batch-key"));
        return new AnnotatedCells(counts, labels, labelNames, batches, batchNames);
    }
}
