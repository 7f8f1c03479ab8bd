namespace Vae.Applications.SingleCell;

/// <summary>Reads an AnnData file's counts: X or a layer as the matrix, obs names as barcodes, var names as gene names (var's gene_ids column, when present, as gene ids).</summary>
public static class H5adCounts
{
    public static CellCounts Read(string path, string? layer = null)
    {
        using var file = H5adFile.Open(path);
        var matrix = H5adMatrix.Open(file, layer);
        var (barcodes, genes, ids) = Names(file, matrix);
        return new CellCounts(path, matrix.ReadAll(), barcodes, ids ?? genes, genes);
    }

    /// <summary>The obs and var names (and var's gene_ids column when it has one), checked against the matrix's shape.</summary>
    public static (IReadOnlyList<string> Barcodes, IReadOnlyList<string> Genes, IReadOnlyList<string>? GeneIds) Names(H5adFile file, H5adMatrix matrix)
    {
        var obs = H5adFrame.Read(file, "obs");
        var var = H5adFrame.Read(file, "var");
        if (obs.Count != matrix.Rows) throw new VaeException($"{file.Path}: obs has {obs.Count:N0} rows but {matrix.ObjectPath} has {matrix.Rows:N0} cells.");
        if (var.Count != matrix.Columns) throw new VaeException($"{file.Path}: var has {var.Count:N0} rows but {matrix.ObjectPath} has {matrix.Columns:N0} genes.");
        IReadOnlyList<string>? ids = var.Columns.Contains("gene_ids") ? var.Column("gene_ids", "var").Select((v, i) => v ?? var.Index[i]).ToArray() : null;
        return (obs.Index, var.Index, ids);
    }
}
