using Vae.Data;

namespace Vae.Tests.Data;

public class IdxReaderTests
{
    static readonly byte[] Pixels = Enumerable.Range(0, 2 * 3 * 4).Select(i => (byte)(i * 10)).ToArray();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Idx_Reader_Reads_Plain_And_Gzip_Files(bool gzip)
    {
        using var dir = new TempDir();
        var bytes = Fixtures.Idx([2, 3, 4], Pixels);
        File.WriteAllBytes(dir.File("a"), gzip ? Fixtures.Gzip(bytes) : bytes);
        var a = IdxReader.Read(dir.File("a"));
        Assert.Equal([2, 3, 4], a.Dimensions);
        Assert.Equal(Pixels.Select(p => (float)p), a.Values);
    }

    [Fact]
    public void Idx_Reader_Reads_Big_Endian_Floats()
    {
        using var dir = new TempDir();
        var payload = new byte[8];
        System.Buffers.Binary.BinaryPrimitives.WriteSingleBigEndian(payload, 1.5f);
        System.Buffers.Binary.BinaryPrimitives.WriteSingleBigEndian(payload.AsSpan(4), -2.25f);
        File.WriteAllBytes(dir.File("f"), Fixtures.Idx([2], payload, type: 0x0D));
        Assert.Equal([1.5f, -2.25f], IdxReader.Read(dir.File("f")).Values);
    }

    // A stream that hands out at most a few bytes per read, so values straddle the reads (as gzip's can).
    sealed class Trickle(byte[] data) : MemoryStream(data)
    {
        int turn;
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, 1 + turn++ % 7));
        public override bool CanSeek => false;
    }

    [Theory]
    [InlineData(0x0B, 2)]
    [InlineData(0x0C, 4)]
    [InlineData(0x0E, 8)]
    public void Idx_Reader_Decodes_Values_That_Straddle_Reads_And_Chunks(byte type, int size)
    {
        const int n = 150_001;   // more than one 1 MB chunk of 8-byte values, an odd count
        var payload = new byte[n * size];
        var expected = new float[n];
        for (int i = 0; i < n; i++)
        {
            int v = (i * 7919 % 60_001) - 30_000;
            var at = payload.AsSpan(i * size);
            switch (size)
            {
                case 2: System.Buffers.Binary.BinaryPrimitives.WriteInt16BigEndian(at, (short)v); break;
                case 4: System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(at, v * 1000); v *= 1000; break;
                default: System.Buffers.Binary.BinaryPrimitives.WriteDoubleBigEndian(at, v + 0.5); break;
            }
            expected[i] = (size == 8 ? (float)(v + 0.5) : v) / 3f;
        }
        var a = IdxReader.Read(new Trickle(Fixtures.Idx([n], payload, type: type)), "trickle", divisor: 3f);
        Assert.Equal(expected, a.Values);
    }

    [Fact]
    public void Idx_Reader_Divides_Bytes_As_Mnist_Pixels_Were_Divided()
    {
        using var dir = new TempDir();
        var bytes = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();
        File.WriteAllBytes(dir.File("p.gz"), Fixtures.Gzip(Fixtures.Idx([256], bytes)));
        var expected = bytes.Select(b => (float)b).ToArray();
        for (int i = 0; i < expected.Length; i++) expected[i] /= 255f;   // the old in-place division, bit for bit
        Assert.Equal(expected, IdxReader.Read(dir.File("p.gz"), divisor: 255f).Values);
    }

    public static IEnumerable<object[]> Malformed()
    {
        var good = Fixtures.Idx([2, 3, 4], Pixels);
        yield return [good[..^5], "truncated"];
        yield return [good.Concat(new byte[] { 1, 2, 3 }).ToArray(), "more"];
        yield return [new byte[] { 1, 2, 8, 3 }.Concat(good[4..]).ToArray(), "magic number"];
        yield return [new byte[] { 0, 0, 0x42, 3 }.Concat(good[4..]).ToArray(), "type code"];
        yield return [good[..6], "truncated IDX header"];
        yield return [Array.Empty<byte>(), "too short"];
        yield return [Fixtures.Gzip(good)[..20], "gzip stream ends early"];
        var huge = (byte[])good.Clone();
        huge[4] = 0x7f; // first dimension ≈ 2·10⁹: far more than the file holds
        yield return [huge, "claims more than"];
        var large = (byte[])good.Clone();
        large[4] = 0x01; // ≈ 1.7·10⁷ images of 12 bytes: fits in memory, but the file does not hold them
        yield return [large, "truncated"];
    }

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Idx_Reader_Rejects_Malformed_Files_With_A_Clear_Error(byte[] bytes, string expected)
    {
        using var dir = new TempDir();
        File.WriteAllBytes(dir.File("bad"), bytes);
        var e = Assert.Throws<VaeException>(() => IdxReader.Read(dir.File("bad")));
        Assert.Contains(dir.File("bad"), e.Message);
        Assert.Contains(expected, e.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Idx_Reader_Explains_A_Gz_File_That_Is_Not_Gzip()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("images.gz"), "<html>404 not found</html>");
        var e = Assert.Throws<VaeException>(() => IdxReader.Read(dir.File("images.gz")));
        Assert.Contains("named .gz but not gzip-compressed", e.Message);
    }

    [Fact]
    public void Idx_Reader_Rejects_A_Gzip_Header_That_Claims_More_Than_The_Stream_Holds_Without_Allocating_It()
    {
        using var dir = new TempDir();
        var header = Fixtures.Idx([1_000_000_000, 2], []);
        File.WriteAllBytes(dir.File("claims.gz"), Fixtures.Gzip(header.Concat(new byte[100]).ToArray()));
        long before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<VaeException>(() => IdxReader.Read(dir.File("claims.gz")));
        Assert.Contains("truncated", e.Message);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 64 << 20, "must not allocate what the header claims");
    }

    [Fact]
    public void Mnist_Folder_Rejects_Label_And_Image_Counts_That_Differ()
    {
        using var dir = new TempDir();
        string mnist = Fixtures.MnistFolder(dir.Path, train: 10, test: 5);
        File.WriteAllBytes(Path.Combine(mnist, "t10k-labels-idx1-ubyte.gz"), Fixtures.Gzip(Fixtures.Idx([4], new byte[4])));
        var e = Assert.Throws<VaeException>(() => MnistFolder.Load(mnist, "x", null, null));
        Assert.Contains("4 labels for 5 images", e.Message);
    }

    [Fact]
    public void Mnist_Folder_Loads_Pixels_As_Probabilities_With_Labels()
    {
        using var dir = new TempDir();
        string mnist = Fixtures.MnistFolder(dir.Path, train: 10, test: 5, gzip: false);
        var (train, test) = MnistFolder.Load(mnist, "x", null, null);
        Assert.Equal(10, train.Count);
        Assert.Equal(5, test.Count);
        Assert.Equal(DataShape.Image(1, 28, 28), train.Shape);
        Assert.True(train.IsUnitInterval);
        Assert.NotNull(train.Labels);
        Assert.InRange(train.Features.Max(), 200 / 255f, 1f);
    }
}
