using System.Text;
using Vae.IO;

namespace Vae.Tests.IO;

/// <summary>
/// The strict UTF-8 reader against two independent references: Python's UTF-8 decoder (fixtures/utf8, made by
/// make_fixtures.py: the offset, byte and line of the first bad byte of each file) and a byte-by-byte scan of
/// Unicode's Table 3-7 written here (<see cref="Utf8Reference"/>) on random data; valid text against .NET's decoder.
/// </summary>
public class Utf8LineReaderTests
{
    public static string FixtureFolder => Path.Combine(AppContext.BaseDirectory, "IO", "fixtures", "utf8");

    /// <summary>The rows of expected.tsv: file, offset, byte (hex), line.</summary>
    public static IEnumerable<object[]> BadFiles() =>
        File.ReadLines(Path.Combine(FixtureFolder, "expected.tsv")).Skip(1).Where(l => l.Length > 0)
            .Select(l => l.Split('\t')).Select(f => new object[] { f[0], long.Parse(f[1]), f[2], long.Parse(f[3]) });

    /// <summary>The phrase an error must contain for a bad byte (hex) at an offset and line.</summary>
    public static string Phrase(string hex, long offset, long line) =>
        (hex == "00" ? "a NUL byte (0x00)" : $"invalid byte 0x{hex}") + $" at byte offset {offset} (line {line})";

    static List<string> ReadAll(string path, bool gzip = false) => ReadAll(Utf8LineReader.Open(path, gzip));

    static List<string> ReadAll(Utf8LineReader opened)
    {
        using var reader = opened;
        var lines = new List<string>();
        while (reader.ReadLine() is string line) lines.Add(line);
        return lines;
    }

    [Theory]
    [MemberData(nameof(BadFiles))]
    public void A_File_That_Is_Not_Utf8_Is_Refused_At_The_Byte_Python_Finds(string file, long offset, string hex, long line)
    {
        string path = Path.Combine(FixtureFolder, file);
        var e = Assert.Throws<VaeException>(() => ReadAll(path));
        Assert.StartsWith($"{path}: not UTF-8 text: " + Phrase(hex, offset, line), e.Message);
        Assert.DoesNotContain('\n', e.Message);
        var whole = Assert.Throws<VaeException>(() => Utf8Text.ReadAllText(path));
        Assert.Equal(e.Message, whole.Message);
    }

    [Theory]
    [InlineData("utf16.csv", "UTF-16")]
    [InlineData("utf16le.csv", "UTF-16")]
    [InlineData("gzip.csv", "gzip-compressed")]
    [InlineData("png.bin", "PNG image")]
    [InlineData("latin1.csv", "Latin-1")]
    public void The_Error_Says_What_The_File_Looks_Like(string file, string hint) =>
        Assert.Contains(hint, Assert.Throws<VaeException>(() => ReadAll(Path.Combine(FixtureFolder, file))).Message);

    [Fact]
    public void Valid_Text_With_A_Bom_Greek_Letters_And_Every_Line_End_Reads_As_Lines()
    {
        using var dir = new TempDir();
        string path = dir.File("t.tsv");
        File.WriteAllBytes(path, [.. Utf8Text.Bom, .. "ENSG1\tα-actin\r\nβ2M\rγ\n\n😀 δ"u8]);
        Assert.Equal(["ENSG1\tα-actin", "β2M", "γ", "", "😀 δ"], ReadAll(path));
        File.WriteAllBytes(path, "a\nb\n"u8.ToArray());
        Assert.Equal(["a", "b"], ReadAll(path));
        File.WriteAllBytes(path, []);
        Assert.Empty(ReadAll(path));
    }

    [Fact]
    public void Random_Text_With_Stray_Bytes_Is_Refused_Exactly_Where_An_Independent_Scan_Finds_The_First_Bad_Byte()
    {
        using var dir = new TempDir();
        string path = dir.File("r.txt");
        var rng = new Random(11);
        int refused = 0, read = 0;
        for (int trial = 0; trial < 200; trial++)
        {
            // Mostly valid text (ASCII, Greek, CJK, emoji, all line ends); lengths up to 3 blocks so sequences straddle block ends.
            var data = Utf8Reference.RandomText(rng, rng.Next(6) == 0 ? 66_000 + rng.Next(80_000) : rng.Next(400), strayBytes: rng.Next(3));
            File.WriteAllBytes(path, data);
            int bad = Utf8Reference.FirstBadByte(data);
            // The file as opened (one block for a small file), and the bytes in blocks of 16 to 22 so sequences and "\r\n" straddle block ends.
            Func<Utf8LineReader>[] readers = [() => Utf8LineReader.Open(path), () => new Utf8LineReader(new MemoryStream(data), path, blockSize: 16 + trial % 7)];
            foreach (var open in readers)
            {
                if (bad < 0) Assert.Equal(Utf8Reference.Lines(Encoding.UTF8.GetString(data)), ReadAll(open()));
                else
                {
                    var e = Assert.Throws<VaeException>(() => ReadAll(open()));
                    Assert.Contains(Phrase(data[bad].ToString("X2"), bad, Utf8Reference.LineOf(data, bad)), e.Message);
                }
            }
            if (bad < 0) read++;
            else refused++;
        }
        Assert.True(refused > 40 && read > 40, $"{refused} refused, {read} read");
    }

    [Fact]
    public void A_Line_Longer_Than_A_Block_Reads_Whole_And_A_Bad_Byte_Far_Into_It_Is_Found()
    {
        using var dir = new TempDir();
        string path = dir.File("long.txt");
        string line = string.Concat(Enumerable.Range(0, 60_000).Select(i => i % 7 == 0 ? "λ" : "x"));
        File.WriteAllText(path, "head\r" + line + "\r\nlast");
        Assert.Equal(["head", line, "last"], ReadAll(path));
        var bytes = Encoding.UTF8.GetBytes("head\n" + line + line + line);
        int at = Array.IndexOf(bytes, (byte)'x', 200_000);   // a whole character, so the bad byte is the first
        bytes[at] = 0xFF;
        File.WriteAllBytes(path, bytes);
        Assert.Contains(Phrase("FF", at, 2), Assert.Throws<VaeException>(() => ReadAll(path)).Message);
    }

    [Fact]
    public void A_Crlf_Split_By_The_Block_End_Is_One_Line_End()
    {
        using var dir = new TempDir();
        string path = dir.File("crlf.txt");
        string first = new('a', (1 << 16) - 1);   // its '\r' is the block's last byte, the '\n' the next block's first
        File.WriteAllText(path, first + "\r\nb\r\n");
        Assert.Equal([first, "b"], ReadAll(path));
    }

    [Fact]
    public void Gzip_Text_Is_Decompressed_And_Offsets_Are_Those_Of_The_Decompressed_Data()
    {
        using var dir = new TempDir();
        string path = dir.File("b.tsv.gz");
        File.WriteAllBytes(path, Fixtures.Gzip("AAAC-1\nAAAG-1\n"u8.ToArray()));
        Assert.Equal(["AAAC-1", "AAAG-1"], ReadAll(path, gzip: true));
        File.WriteAllBytes(path, Fixtures.Gzip([.. "AAAC-1\nAAA"u8, 0xE9, .. "-1\n"u8]));
        var e = Assert.Throws<VaeException>(() => ReadAll(path, gzip: true));
        Assert.Contains("invalid byte 0xE9 at byte offset 10 of the decompressed data (line 2)", e.Message);
    }

    [Fact]
    public void Lines_Before_The_Bad_Byte_Are_Read_And_Its_Own_Line_Is_Refused()
    {
        using var dir = new TempDir();
        string path = dir.File("late.csv");
        File.WriteAllBytes(path, [.. "a,b\n1,2\n"u8, 0xE9, .. "\n"u8]);
        using var reader = Utf8LineReader.Open(path);
        Assert.Equal("a,b", reader.ReadLine());
        Assert.Equal("1,2", reader.ReadLine());
        Assert.Contains(Phrase("E9", 8, 3), Assert.Throws<VaeException>(() => reader.ReadLine()).Message);
    }
}
