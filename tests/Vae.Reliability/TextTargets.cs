using System.Text;
using Vae.Applications.Chemistry;
using Vae.Applications.SingleCell;

namespace Vae.Reliability;

/// <summary>The SMILES file reader on mutations of a small .smi file, or of a .csv table with a property column.</summary>
public sealed class SmilesFileTarget(bool table) : FuzzTarget
{
    private readonly string path = Path.Combine(Path.GetTempPath(), $"vae-fuzz-{Guid.NewGuid():N}.{(table ? "csv" : "smi")}");
    private readonly byte[] valid = Encoding.UTF8.GetBytes(table
        ? "id,SMILES,tpsa\nm1,CCO,20.23\nm2,\"c1ccccc1\",0\nm3,CC(=O)Nc1ccc(O)cc1,49.33\nm4,[NH4+],\n"
        : "# molecules\nCCO ethanol\nc1ccccc1\tbenzene\nCC(=O)Nc1ccc(O)cc1 paracetamol\n[NH4+] ammonium\nC1CC\n");

    public override string Name => table ? "SMILES table (.csv)" : "SMILES file (.smi)";
    public override void Prepare(Random rng) => File.WriteAllBytes(path, Mutator.Mutate(valid, rng));

    public override void Read()
    {
        // What `vae mol check` does with the file.
        foreach (var smiles in SmilesFileReader.Read(path).Smiles) SmilesChecker.Check(smiles);
    }

    public override void Dispose() => File.Delete(path);
}

/// <summary>
/// A 10x folder (matrix.mtx, features.tsv, barcodes.tsv) with one of its files mutated; a quarter of the time
/// the mutated file is stored gzip-compressed (matrix.mtx.gz, …), as Cell Ranger writes them.
/// </summary>
public sealed class TenXFolderTarget : FuzzTarget
{
    private static readonly Dictionary<string, byte[]> Valid = new()
    {
        ["matrix.mtx"] = Encoding.UTF8.GetBytes("%%MatrixMarket matrix coordinate integer general\n%metadata_json: {\"format_version\": 2}\n3 4 6\n1 1 3\n2 1 1\n3 2 7\n1 3 2\n2 4 5\n3 4 1\n"),
        ["features.tsv"] = Encoding.UTF8.GetBytes("ENSG01\tGAPDH\tGene Expression\nENSG02\tβ-actin\tGene Expression\nENSG03\tMT-CO1\tGene Expression\n"),
        ["barcodes.tsv"] = Encoding.UTF8.GetBytes("AAACCTG-1\nAAACGGG-1\nAAAGATG-1\nAAAGCAA-1\n"),
    };

    private readonly string dir = Path.Combine(Path.GetTempPath(), $"vae-fuzz-{Guid.NewGuid():N}");

    public TenXFolderTarget() => Directory.CreateDirectory(dir);

    public override string Name => "10x folder (TSV + MTX)";

    public override void Prepare(Random rng)
    {
        foreach (var f in Directory.GetFiles(dir)) File.Delete(f);
        foreach (var (name, bytes) in Valid) File.WriteAllBytes(Path.Combine(dir, name), bytes);
        string target = Valid.Keys.ElementAt(rng.Next(Valid.Count));
        var mutated = Mutator.Mutate(Valid[target], rng);
        if (rng.Next(4) == 0)
        {
            File.Delete(Path.Combine(dir, target));
            File.WriteAllBytes(Path.Combine(dir, target + ".gz"), Workspace.Gzip(mutated));
        }
        else File.WriteAllBytes(Path.Combine(dir, target), mutated);
    }

    public override void Read() => TenXFolder.Read(dir);

    public override void Dispose()
    {
        try { Directory.Delete(dir, recursive: true); } catch (IOException) { }
    }
}

/// <summary>The cell metadata reader on mutations of a small metadata CSV, joined to the barcodes of the counts as training does.</summary>
public sealed class CellMetadataTarget : FuzzTarget
{
    private static readonly string[] Barcodes = ["AAACCTG-1", "AAACGGG-1", "AAAGATG-1", "AAAGCAA-1"];
    private readonly string path = Path.Combine(Path.GetTempPath(), $"vae-fuzz-{Guid.NewGuid():N}.csv");
    private readonly byte[] valid = Encoding.UTF8.GetBytes(
        "barcode,cell_type,batch\nAAACCTG-1,T cell,b1\nAAACGGG-1,\"B cell\",b2\nAAAGATG-1,monocyte,b1\nAAAGCAA-1,NK γδ,b2\n");

    public override string Name => "cell metadata CSV";
    public override void Prepare(Random rng) => File.WriteAllBytes(path, Mutator.Mutate(valid, rng));

    public override void Read()
    {
        var metadata = CellMetadata.Read(path);
        metadata.Join(Barcodes, "cell_type");
        metadata.Join(Barcodes, "batch", "--batch-key");
    }

    public override void Dispose() => File.Delete(path);
}
