using Vae.Data;

namespace Vae.Applications.SingleCell;

/// <summary>
/// A cells × genes count matrix held sparse, with the cells' barcodes and the genes' ids and names,
/// as read from a 10x folder or a counts CSV (<see cref="Source"/> names where it came from).
/// </summary>
public sealed class CellCounts
{
    public CellCounts(string source, SparseCounts counts, IReadOnlyList<string> barcodes, IReadOnlyList<string> geneIds, IReadOnlyList<string>? geneNames = null)
    {
        if (barcodes.Count != counts.Rows) throw new ArgumentException($"{barcodes.Count} barcodes for {counts.Rows} cells.", nameof(barcodes));
        if (geneIds.Count != counts.Columns) throw new ArgumentException($"{geneIds.Count} gene ids for {counts.Columns} genes.", nameof(geneIds));
        if (geneNames is not null && geneNames.Count != counts.Columns) throw new ArgumentException($"{geneNames.Count} gene names for {counts.Columns} genes.", nameof(geneNames));
        Source = source;
        Counts = counts;
        Barcodes = barcodes;
        GeneIds = geneIds;
        GeneNames = geneNames ?? geneIds;
    }

    public string Source { get; }
    public SparseCounts Counts { get; }
    public IReadOnlyList<string> Barcodes { get; }
    public IReadOnlyList<string> GeneIds { get; }
    public IReadOnlyList<string> GeneNames { get; }
    public int Cells => Counts.Rows;
    public int Genes => Counts.Columns;

    /// <summary>The cells at <paramref name="cells"/>, in that order.</summary>
    public CellCounts SelectCells(IReadOnlyList<int> cells) =>
        new(Source, Counts.SelectRows(cells), cells.Select(i => Barcodes[i]).ToArray(), GeneIds, GeneNames);

    /// <summary>
    /// The counts of the genes at <paramref name="genes"/> as a dense data set (one cell per row,
    /// raw counts, not normalised), with optional labels (e.g. cell types).
    /// </summary>
    public Dataset ToDataset(IReadOnlyList<int> genes, int[]? labels = null, IReadOnlyList<string>? classNames = null, string? name = null) =>
        new(name ?? Path.GetFileName(Source.TrimEnd('/')), Counts.ToDense(genes), DataShape.Vector(genes.Count), labels, classNames);

    /// <summary>Throws, naming the source, when a stored value is negative or not an integer.</summary>
    public void RequireCounts()
    {
        for (int r = 0; r < Cells; r++)
        {
            var cols = Counts.RowColumns(r);
            var vals = Counts.RowValues(r);
            for (int k = 0; k < vals.Length; k++)
                if (!(vals[k] >= 0) || vals[k] != MathF.Floor(vals[k]))
                    throw new VaeException($"{Source}: cell {Barcodes[r]}, gene {GeneIds[cols[k]]} has the value {vals[k]}; counts must be non-negative integers.");
        }
    }
}
