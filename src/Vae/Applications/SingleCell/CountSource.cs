namespace Vae.Applications.SingleCell;

/// <summary>Reads counts named the way the command line names them.</summary>
public static class CountSource
{
    public const string Help = "10x:<dir> (a 10x Genomics folder: matrix.mtx[.gz], features.tsv[.gz] or genes.tsv, barcodes.tsv[.gz]) or counts:<file> (a dense cells × genes CSV/TSV)";

    public static CellCounts Load(string spec)
    {
        if (spec.StartsWith("10x:", StringComparison.OrdinalIgnoreCase)) return TenXFolder.Read(spec[4..]);
        if (spec.StartsWith("counts:", StringComparison.OrdinalIgnoreCase)) return DenseCountsCsv.Read(spec[7..]);
        if (Directory.Exists(spec)) return TenXFolder.Read(spec);
        throw new VaeException($"--data: '{spec}' is not a count source; use {Help}.");
    }
}
