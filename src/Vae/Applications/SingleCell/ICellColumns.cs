namespace Vae.Applications.SingleCell;

/// <summary>
/// Per-cell annotation columns (cell type, batch, …) that labels and batches are read from: a metadata
/// CSV joined on barcode (<see cref="CellMetadata"/>), or the obs data frame of an AnnData file (<see cref="H5adObs"/>).
/// </summary>
public interface ICellColumns
{
    /// <summary>The columns that can be named (the barcode column excluded).</summary>
    IReadOnlyList<string> Names { get; }

    /// <summary>The values of column <paramref name="key"/> for each of <paramref name="barcodes"/>, in that order; <paramref name="option"/> names the option in errors.</summary>
    string[] Values(IReadOnlyList<string> barcodes, string key, string option);
}
