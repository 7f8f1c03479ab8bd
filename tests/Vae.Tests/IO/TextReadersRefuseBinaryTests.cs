using System.Text;
using Vae.Applications.Chemistry;
using Vae.Applications.Physics;
using Vae.Applications.SingleCell;
using Vae.Data;
using Vae.Runs;
using Vae.Tests.Cli;

namespace Vae.Tests.IO;

/// <summary>
/// Every text reader of the toolkit refuses a file that is not UTF-8 text, with the byte offset and line: the
/// binary fixtures (offsets from Python's decoder, expected.tsv) put where each reader reads, and a Latin-1 byte
/// put into an otherwise valid file on a later line (its offset counted here from the valid text before it).
/// Valid UTF-8 with non-ASCII text and a byte-order mark still reads.
/// </summary>
public class TextReadersRefuseBinaryTests
{
    /// <summary>A reader: writes its file into a folder (the bytes given for the one under test) and reads it; returns the path of that file.</summary>
    sealed record Reader(string Valid, Func<string, byte[], string> WriteAndRead, bool Gunzips = false);

    static string Put(string dir, string name, byte[] bytes)
    {
        string path = Path.Combine(dir, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    static byte[] U(string text) => Encoding.UTF8.GetBytes(text);

    // A 10x folder with one of its three files replaced.
    static string TenX(string dir, string which, byte[] bytes)
    {
        Put(dir, "matrix.mtx", U("%%MatrixMarket matrix coordinate integer general\n2 2 2\n1 1 3\n2 2 1\n"));
        Put(dir, "features.tsv", U("G1\tGAPDH\tGene Expression\nG2\tACTB\tGene Expression\n"));
        Put(dir, "barcodes.tsv", U("AAAC-1\nAAAG-1\n"));
        string path = Put(dir, which, bytes);
        TenXFolder.Read(dir);
        return path;
    }

    static readonly Dictionary<string, Reader> Readers = new()
    {
        ["csv table"] = new("a,b,label\n1,2,x\n3,4,caf§\n", (d, b) => { var p = Put(d, "t.csv", b); CsvTableReader.Read(p, new CsvOptions { LabelColumn = "label" }); return p; }),
        ["smiles .smi"] = new("CCO ethanol\nCCN caf§ine\n", (d, b) => { var p = Put(d, "m.smi", b); SmilesFileReader.Read(p); return p; }),
        ["smiles .csv"] = new("smiles,name\nCCO,eth\nCCN,caf§\n", (d, b) => { var p = Put(d, "m.csv", b); SmilesFileReader.Read(p); return p; }),
        ["10x barcodes.tsv"] = new("AAAC-1\nAAA§-1\n", (d, b) => TenX(d, "barcodes.tsv", b), Gunzips: true),
        ["10x features.tsv"] = new("G1\tGAPDH\tGene Expression\nG2\tMyo§\tGene Expression\n", (d, b) => TenX(d, "features.tsv", b), Gunzips: true),
        ["10x matrix.mtx"] = new("%%MatrixMarket matrix coordinate integer general\n% by caf§\n2 2 1\n1 1 3\n", (d, b) => TenX(d, "matrix.mtx", b), Gunzips: true),
        ["dense counts"] = new("barcode,g1,g2\nc1,1,2\nc§,3,4\n", (d, b) => { var p = Put(d, "counts.csv", b); DenseCountsCsv.Read(p); return p; }, Gunzips: true),
        ["cell metadata"] = new("barcode,cell_type\nc1,T\nc2,caf§\n", (d, b) => { var p = Put(d, "metadata.csv", b); CellMetadata.Read(p); return p; }, Gunzips: true),
        ["config.json"] = new("{\n  \"x\": \"caf§\"\n}\n", (d, b) => { var p = Put(d, ModelFolder.ConfigFile, b); ModelFolder.ReadConfig(d); return p; }),
        ["metrics.jsonl"] = new("{}\n{\"caf§\": 1}\n", (d, b) => { var p = Put(d, ModelFolder.MetricsFile, b); ModelFolder.ReadMetrics(d); return p; }),
        ["ising metadata.csv"] = new("split,index,temperature,energy,magnetization\ntrain,0,1,2,3\ncaf§,1,2,3,4\n",
            (d, b) => { var p = Put(d, IsingDataset.MetadataFile, b); IsingDataset.ReadMetadata(d, "train"); return p; }),
    };

    public static IEnumerable<object[]> ReaderNames() => Readers.Keys.Select(k => new object[] { k });

    /// <summary>
    /// Each reader with each fixture whose first bad byte is on line 1 (so no reader stops earlier on content); the
    /// single-cell readers decompress gzip, so the gzip fixture is text to them.
    /// </summary>
    public static IEnumerable<object[]> ReadersAndBinaryFiles() =>
        from r in Readers.Keys
        from f in Utf8LineReaderTests.BadFiles()
        where (long)f[3] == 1 && !(Readers[r].Gunzips && (string)f[0] == "gzip.csv")
        select new object[] { r, f[0], f[1], f[2] };

    [Theory]
    [MemberData(nameof(ReadersAndBinaryFiles))]
    public void A_Binary_File_Is_Refused_With_The_Offset_Python_Finds(string reader, string file, long offset, string hex)
    {
        using var dir = new TempDir();
        var bytes = File.ReadAllBytes(Path.Combine(Utf8LineReaderTests.FixtureFolder, file));
        string? path = null;
        var e = Assert.Throws<VaeException>(() => path = Readers[reader].WriteAndRead(dir.Path, bytes));
        Assert.Contains(": not UTF-8 text: " + Utf8LineReaderTests.Phrase(hex, offset, 1), e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Theory]
    [MemberData(nameof(ReaderNames))]
    public void A_Latin1_Byte_On_A_Later_Line_Is_Refused_At_Its_Offset(string reader)
    {
        using var dir = new TempDir();
        var parts = Readers[reader].Valid.Split('§');
        byte[] before = U(parts[0]);
        byte[] bytes = [.. before, 0xE9, .. U(parts[1])];
        int line = parts[0].Count(c => c == '\n') + 1;
        var e = Assert.Throws<VaeException>(() => Readers[reader].WriteAndRead(dir.Path, bytes));
        Assert.Contains($": not UTF-8 text: invalid byte 0xE9 at byte offset {before.Length} (line {line})", e.Message);
        Assert.True(line > 1, "the bad byte should be past the first line");
    }

    [Theory]
    [MemberData(nameof(ReaderNames))]
    public void The_Same_File_In_Utf8_With_A_Bom_Reads(string reader)
    {
        if (reader is "config.json") return;   // the text around the byte is not a whole config; JsonTests reads real ones
        using var dir = new TempDir();
        byte[] bytes = [.. Vae.IO.Utf8Text.Bom, .. U(Readers[reader].Valid.Replace("§", "é"))];
        Readers[reader].WriteAndRead(dir.Path, bytes);
    }

    [Fact]
    public void Gene_Names_In_Greek_Read_From_A_Gzip_10x_Folder()
    {
        using var dir = new TempDir();
        File.WriteAllBytes(Path.Combine(dir.Path, "features.tsv.gz"), Fixtures.Gzip(U("G1\tα-actinin\tGene Expression\nG2\tβ2M\tGene Expression\n")));
        TenX(dir.Path, "barcodes.tsv", U("AAAC-1\nAAAG-1\n"));
        File.Delete(Path.Combine(dir.Path, "features.tsv"));
        var counts = TenXFolder.Read(dir.Path);
        Assert.Equal(["α-actinin", "β2M"], counts.GeneNames);
        File.WriteAllBytes(Path.Combine(dir.Path, "barcodes.tsv.gz"), Fixtures.Gzip([.. U("AAAC-1\nAAA"), 0xE9, .. U("-1\n")]));
        var e = Assert.Throws<VaeException>(() => TenXFolder.Read(dir.Path));
        Assert.Contains("barcodes.tsv.gz: not UTF-8 text: invalid byte 0xE9 at byte offset 10 of the decompressed data (line 2)", e.Message);
    }

    [Fact]
    public void Mol_Check_On_A_Binary_File_Exits_2_With_One_Line_And_Echoes_Nothing()
    {
        using var dir = new TempDir();
        string path = dir.File("image.smi");
        File.Copy(Path.Combine(Utf8LineReaderTests.FixtureFolder, "png.bin"), path);
        var r = CliRunner.Run("mol", "check", path);
        Assert.Equal(2, r.ExitCode);
        Assert.Equal("", r.Out);
        Assert.Equal($"error: {path}: not UTF-8 text: invalid byte 0x89 at byte offset 0 (line 1); it is a PNG image, not text.", r.Error.Trim());
    }

    [Fact]
    public void Mol_Check_Shows_Control_Characters_In_Valid_Utf8_As_Escapes_Not_As_Terminal_Commands()
    {
        using var dir = new TempDir();
        string path = dir.File("esc.smi");
        File.WriteAllText(path, "CCO\nC\u001b[2JC\n");
        foreach (var verb in new[] { "check", "props" })
        {
            var r = CliRunner.Run("mol", verb, path);
            Assert.Equal(0, r.ExitCode);
            Assert.DoesNotContain('\u001b', r.Out);
            Assert.Contains("C\\u001B[2JC", r.Out);
        }
    }
}
