namespace Vae.Applications.SingleCell;

/// <summary>Reads counts named the way the command line names them.</summary>
public static class CountSource
{
    public const string Help = "10x:<dir> (a 10x Genomics folder: matrix.mtx[.gz], features.tsv[.gz] or genes.tsv, barcodes.tsv[.gz]), counts:<file> (a dense cells × genes CSV/TSV) or h5ad:<file> (an AnnData file: X or --layer NAME)";

    const string H5adScheme = "h5ad:";

    /// <summary>The file an <c>h5ad:&lt;file&gt;</c> source names, or null for any other source.</summary>
    public static string? H5adPath(string spec) => spec.StartsWith(H5adScheme, StringComparison.OrdinalIgnoreCase) ? spec[H5adScheme.Length..] : null;

    /// <summary>The counts <paramref name="spec"/> names; <paramref name="layer"/> picks an AnnData layer instead of X (h5ad only).</summary>
    public static CellCounts Load(string spec, string? layer = null)
    {
        if (H5adPath(spec) is string h5ad) return H5adCounts.Read(h5ad, layer);
        if (layer is not null) throw new VaeException($"--layer {layer}: layers are for AnnData files (--data h5ad:<file>), not {spec}.");
        if (spec.StartsWith("10x:", StringComparison.OrdinalIgnoreCase)) return TenXFolder.Read(spec[4..]);
        if (spec.StartsWith("counts:", StringComparison.OrdinalIgnoreCase)) return DenseCountsCsv.Read(spec[7..]);
        if (Directory.Exists(spec)) return TenXFolder.Read(spec);
        throw new VaeException($"--data: '{spec}' is not a count source; use {Help}.");
    }

    /// <summary>
    /// Where the cells' labels and batches come from: the metadata CSV when given, else an AnnData
    /// file's obs, else nothing (null).
    /// </summary>
    public static ICellColumns? Columns(string spec, string? metadata) =>
        metadata is not null ? CellMetadata.Read(metadata) : H5adPath(spec) is string h5ad ? H5adObs.Open(h5ad) : null;
}
