using System.IO.Compression;
using System.Text;
using Vae.Applications.SingleCell;

namespace Vae.Tests.Applications.SingleCell;

public class ReaderTests
{
    // 3 genes × 4 cells (10x orientation); as cells × genes: c1 = [1,0,5], c2 = [0,0,0], c3 = [2,7,0], c4 = [0,0,3]
    const string Mtx = "%%MatrixMarket matrix coordinate integer general\n%metadata_json: {}\n3 4 5\n1 1 1\n3 1 5\n1 3 2\n2 3 7\n3 4 3\n";
    const string Features = "ENSG1\tAAA\tGene Expression\nENSG2\tBBB\tGene Expression\nENSG3\tCCC\tGene Expression\n";
    const string Barcodes = "AAAC-1\nAAAG-1\nAAAT-1\nAACA-1\n";

    static void Gz(string path, string text)
    {
        using var file = File.Create(path);
        using var gz = new GZipStream(file, CompressionLevel.Fastest);
        gz.Write(Encoding.UTF8.GetBytes(text));
    }

    static void WriteFolder(TempDir dir, string mtx = Mtx, string features = Features, string barcodes = Barcodes, bool gzip = true)
    {
        if (gzip)
        {
            Gz(dir.File("matrix.mtx.gz"), mtx);
            Gz(dir.File("features.tsv.gz"), features);
            Gz(dir.File("barcodes.tsv.gz"), barcodes);
        }
        else
        {
            File.WriteAllText(dir.File("matrix.mtx"), mtx);
            File.WriteAllText(dir.File("genes.tsv"), features);
            File.WriteAllText(dir.File("barcodes.tsv"), barcodes);
        }
    }

    static string Error(Action read) => Assert.Throws<VaeException>(read).Message;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void TenX_Folder_Reads_Cells_By_Genes_Sparse(bool gzip)
    {
        using var dir = new TempDir();
        WriteFolder(dir, gzip: gzip);
        var data = TenXFolder.Read(dir.Path);
        Assert.Equal(4, data.Cells);
        Assert.Equal(3, data.Genes);
        Assert.Equal(5, data.Counts.NonZeros);
        Assert.Equal(["AAAC-1", "AAAG-1", "AAAT-1", "AACA-1"], data.Barcodes);
        Assert.Equal(["ENSG1", "ENSG2", "ENSG3"], data.GeneIds);
        Assert.Equal(["AAA", "BBB", "CCC"], data.GeneNames);
        Assert.Equal([1f, 0, 5, 0, 0, 0, 2, 7, 0, 0, 0, 3], data.Counts.ToDense([0, 1, 2]));
        Assert.Equal([6.0, 0, 9, 3], data.Counts.RowSums());
        var subset = data.ToDataset([2, 0]);
        Assert.Equal(2, subset.Dimension);
        Assert.Equal([5f, 1, 0, 0, 0, 2, 3, 0], subset.Features);
    }

    [Fact]
    public void Cell_Ranger_2_Genes_File_With_Two_Columns_Is_Accepted()
    {
        using var dir = new TempDir();
        WriteFolder(dir, features: "ENSG1\tAAA\nENSG2\tBBB\nENSG3\n", gzip: false);
        var data = TenXFolder.Read(dir.Path);
        Assert.Equal(["AAA", "BBB", "ENSG3"], data.GeneNames);
    }

    [Fact]
    public void Writing_And_Reading_A_TenX_Folder_Gives_The_Same_Counts()
    {
        using var dir = new TempDir();
        WriteFolder(dir);
        var data = TenXFolder.Read(dir.Path);
        using var copy = new TempDir();
        TenXFolder.Write(copy.Path, data);
        var back = TenXFolder.Read(copy.Path);
        Assert.Equal(data.Counts.ToDense([0, 1, 2]), back.Counts.ToDense([0, 1, 2]));
        Assert.Equal(data.Barcodes, back.Barcodes);
        Assert.Equal(data.GeneNames, back.GeneNames);
    }

    [Theory]
    [InlineData("%%MatrixMarket matrix array integer general\n3 4\n", "line 1: only the sparse 'coordinate' format")]
    [InlineData("hello\n", "line 1: not a Matrix Market file")]
    [InlineData("%%MatrixMarket matrix coordinate complex general\n3 4 1\n1 1 1 0\n", "line 1: the field 'complex' is not supported")]
    [InlineData("%%MatrixMarket matrix coordinate integer general\n3 four 1\n1 1 1\n", "line 2: the size line must be")]
    [InlineData("%%MatrixMarket matrix coordinate integer general\n3 4 2\n1 1 1\n4 1 2\n", "line 4: row index '4' is not between 1 and 3")]
    [InlineData("%%MatrixMarket matrix coordinate integer general\n3 4 2\n1 1 1\n1 0 2\n", "line 4: column index '0' is not between 1 and 4")]
    [InlineData("%%MatrixMarket matrix coordinate integer general\n3 4 2\n1 1 1\n1 2 x\n", "line 4: the value 'x' is not a finite number")]
    [InlineData("%%MatrixMarket matrix coordinate integer general\n3 4 2\n1 1 1\n1 2 2.5\n", "line 4: the value '2.5' is not an integer")]
    [InlineData("%%MatrixMarket matrix coordinate integer general\n3 4 2\n1 1 1\n1 2\n", "line 4: expected 'row column value'")]
    [InlineData("%%MatrixMarket matrix coordinate integer general\n3 4 3\n1 1 1\n1 2 2\n", "declares 3 entries but the file has 2")]
    [InlineData("%%MatrixMarket matrix coordinate integer general\n3 4 1\n1 1 1\n1 2 2\n", "line 4: more entries than the 1")]
    public void Malformed_Matrix_Files_Are_Rejected_Naming_The_File_And_Line(string mtx, string expected)
    {
        using var dir = new TempDir();
        WriteFolder(dir, mtx: mtx);
        string message = Error(() => TenXFolder.Read(dir.Path));
        Assert.Contains("matrix.mtx.gz", message);
        Assert.Contains(expected, message);
    }

    [Fact]
    public void A_Truncated_Gzip_Matrix_Is_Reported_As_Such()
    {
        using var dir = new TempDir();
        var big = new StringBuilder("%%MatrixMarket matrix coordinate integer general\n3 4000 12000\n");
        for (int c = 1; c <= 4000; c++) for (int g = 1; g <= 3; g++) big.Append($"{g} {c} {c % 7 + 1}\n");
        WriteFolder(dir, mtx: big.ToString(), barcodes: string.Concat(Enumerable.Range(0, 4000).Select(i => $"B{i}\n")));
        var bytes = File.ReadAllBytes(dir.File("matrix.mtx.gz"));
        File.WriteAllBytes(dir.File("matrix.mtx.gz"), bytes[..(bytes.Length / 2)]);
        string message = Error(() => TenXFolder.Read(dir.Path));
        Assert.Contains("matrix.mtx.gz", message);
        Assert.True(message.Contains("gzip") || message.Contains("truncated"), message);
    }

    [Fact]
    public void Mismatched_Or_Duplicated_Names_Are_Rejected()
    {
        using var dir = new TempDir();
        WriteFolder(dir, barcodes: "A\nB\nC\n");
        Assert.Contains("barcodes.tsv.gz: 3 barcodes, but matrix.mtx.gz has 4 columns", Error(() => TenXFolder.Read(dir.Path)));
        WriteFolder(dir, barcodes: "A\nB\nA\nD\n");
        Assert.Contains("line 3: the barcode A already appeared on line 1", Error(() => TenXFolder.Read(dir.Path)));
        WriteFolder(dir, features: "G1\tA\nG2\tB\n");
        Assert.Contains("features.tsv.gz: 2 features, but matrix.mtx.gz has 3 rows", Error(() => TenXFolder.Read(dir.Path)));
        WriteFolder(dir, features: "G1\tA\n\nG3\tC\n");
        Assert.Contains("features.tsv.gz: line 2 is empty", Error(() => TenXFolder.Read(dir.Path)));
    }

    [Fact]
    public void A_Missing_File_Is_Named()
    {
        using var dir = new TempDir();
        Assert.Contains("folder not found", Error(() => TenXFolder.Read(dir.File("nope"))));
        Assert.Contains("no matrix.mtx or matrix.mtx.gz", Error(() => TenXFolder.Read(dir.Path)));
        WriteFolder(dir);
        File.Delete(dir.File("barcodes.tsv.gz"));
        Assert.Contains("no barcodes.tsv", Error(() => TenXFolder.Read(dir.Path)));
    }

    [Fact]
    public void Dense_Counts_Csv_Reads_Barcodes_And_Genes()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("c.csv"), "barcode,G1,G2,G3\nAAAC,1,0,5\nAAAG,0,0,0\nAAAT,2,7,0\n");
        var data = DenseCountsCsv.Read(dir.File("c.csv"));
        Assert.Equal(["AAAC", "AAAG", "AAAT"], data.Barcodes);
        Assert.Equal(["G1", "G2", "G3"], data.GeneIds);
        Assert.Equal(4, data.Counts.NonZeros);
        Assert.Equal([1f, 0, 5, 0, 0, 0, 2, 7, 0], data.Counts.ToDense([0, 1, 2]));
        File.WriteAllText(dir.File("n.tsv"), "G1\tG2\n3\t0\n0\t4\n");
        var unnamed = DenseCountsCsv.Read(dir.File("n.tsv"));
        Assert.Equal(["cell1", "cell2"], unnamed.Barcodes);
        Assert.Equal([3f, 0, 0, 4], unnamed.Counts.ToDense([0, 1]));
    }

    [Theory]
    [InlineData("barcode,G1,G2\nA,1,2\nB,3\n", "line 3 has 2 fields, but the header has 3")]
    [InlineData("barcode,G1,G2\nA,1,2\nB,3,x\n", "line 3, column 'G2': 'x' is not a finite number")]
    [InlineData("barcode,G1,G1\nA,1,2\n", "line 1: the gene 'G1' is named twice")]
    [InlineData("barcode,G1,G2\nA,1,2\nA,3,4\n", "line 3: the barcode A already appeared on line 2")]
    [InlineData("", "line 1: the file is empty")]
    [InlineData("barcode,G1\n", "a header but no cells")]
    public void Malformed_Counts_Csv_Is_Rejected_Naming_The_Line(string text, string expected)
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("c.csv"), text);
        string message = Error(() => DenseCountsCsv.Read(dir.File("c.csv")));
        Assert.Contains("c.csv", message);
        Assert.Contains(expected, message);
    }

    [Fact]
    public void Metadata_Joins_On_Barcode_In_The_Order_Of_The_Counts()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("m.csv"), "cell_type,barcode,batch\nB,AAAT,b2\nT,AAAC,b1\nT,EXTRA,b1\nNK,AAAG,b1\n");
        var meta = CellMetadata.Read(dir.File("m.csv"));
        Assert.Equal(["barcode", "cell_type", "batch"], meta.Columns);
        Assert.Equal(["T", "NK", "B"], meta.Join(["AAAC", "AAAG", "AAAT"], "cell_type"));
        Assert.Equal(["b1", "b1", "b2"], meta.Join(["AAAC", "AAAG", "AAAT"], "BATCH"));
        var (codes, names) = Categories.Encode(meta.Join(["AAAC", "AAAG", "AAAT"], "cell_type"));
        Assert.Equal(["B", "NK", "T"], names);
        Assert.Equal([2, 1, 0], codes);
        Assert.Contains("1 of 2 cells have no row here (the first is ZZZ)", Error(() => meta.Join(["AAAC", "ZZZ"], "cell_type")));
        Assert.Contains("--label-key tissue: ", Error(() => meta.Join(["AAAC"], "tissue")));
        Assert.Contains("columns: cell_type, batch", Error(() => meta.Join(["AAAC"], "tissue")));
    }

    [Theory]
    [InlineData("barcode,cell_type\nA,T\nA,B\n", "line 3: the barcode A already appeared on line 2")]
    [InlineData("barcode,cell_type\nA,T\nB\n", "line 3 has 1 fields, but the header has 2")]
    [InlineData("barcode,cell_type\n,T\n", "line 2: the barcode ('barcode') is empty")]
    public void Malformed_Metadata_Is_Rejected_Naming_The_Line(string text, string expected)
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("m.csv"), text);
        string message = Error(() => CellMetadata.Read(dir.File("m.csv")));
        Assert.Contains("m.csv", message);
        Assert.Contains(expected, message);
    }

    [Fact]
    public void Non_Integer_Counts_Are_Rejected_By_The_Count_Check_Naming_Cell_And_Gene()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("c.csv"), "barcode,G1,G2\nA,1,2\nB,3,0.5\n");
        var data = DenseCountsCsv.Read(dir.File("c.csv"));
        string message = Error(data.RequireCounts);
        Assert.Contains("c.csv: cell B, gene G2 has the value 0.5", message);
    }

    [Fact]
    public void Triplets_At_The_Same_Position_Are_Summed_And_Zeros_Dropped()
    {
        var m = SparseCounts.FromTriplets(3, 4, [2, 0, 2, 0, 1, 1], [1, 3, 1, 0, 2, 2], [1f, 2, 4, 0, 3, -3]);
        Assert.Equal(2, m.NonZeros);
        Assert.Equal(2f, m[0, 3]);
        Assert.Equal(5f, m[2, 1]);
        Assert.Equal(0f, m[1, 2]);
        Assert.Equal([0f, 0, 0, 2, 0, 0, 0, 0, 0, 5, 0, 0], m.ToDense([0, 1, 2, 3]));
        var rows = m.SelectRows([2, 0]);
        Assert.Equal([0f, 5, 0, 0, 0, 0, 0, 2], rows.ToDense([0, 1, 2, 3]));
    }
}
