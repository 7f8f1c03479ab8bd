namespace Vae.Applications.SingleCell;

/// <summary>Counts from <see cref="CountSimulator"/> and the truth that made them.</summary>
public sealed record SimulatedCounts(CellCounts Counts, SimulationTruth Truth)
{
    /// <summary>Writes the 10x folder, <c>metadata.csv</c> (barcode, cell_type, batch, pseudotime, library_size) and <c>genes_truth.csv</c>.</summary>
    public void Write(string directory)
    {
        TenXFolder.Write(directory, Counts);
        Truth.WriteTables(directory, Counts);
    }
}
