using Vae.Data;

namespace Vae.Tests.Data;

public class IdxWriterTests
{
    [Theory]
    [InlineData("images-idx3-ubyte")]
    [InlineData("images-idx3-ubyte.gz")]
    public void Written_File_Reads_Back_With_Its_Header(string name)
    {
        using var dir = new TempDir();
        var values = Enumerable.Range(0, 3 * 4 * 5).Select(i => (byte)(i * 7)).ToArray();
        IdxWriter.WriteFile(dir.File(name), [3, 4, 5], values);
        var array = IdxReader.Read(dir.File(name));
        Assert.Equal([3, 4, 5], array.Dimensions);
        Assert.Equal(values.Select(v => (float)v).ToArray(), array.Values);
        if (!name.EndsWith(".gz"))
            Assert.Equal([0, 0, 8, 3, 0, 0, 0, 3, 0, 0, 0, 4, 0, 0, 0, 5, .. values], File.ReadAllBytes(dir.File(name)));
    }

    [Fact]
    public void Streaming_In_Chunks_Writes_The_Same_Bytes_As_The_Whole_Array()
    {
        using var dir = new TempDir();
        var values = new byte[6 * 32 * 32];
        new Random(2).NextBytes(values);
        IdxWriter.WriteFile(dir.File("whole.gz"), [6, 32, 32], values);
        using (var writer = IdxWriter.Create(dir.File("chunks.gz"), 6, 32, 32))
        {
            for (int i = 0; i < 6; i++) writer.Write(values.AsSpan(i * 1024, 1024));
            writer.Finish();
        }
        Assert.Equal(File.ReadAllBytes(dir.File("whole.gz")), File.ReadAllBytes(dir.File("chunks.gz")));
    }

    [Fact]
    public void Writer_Rejects_More_Or_Fewer_Values_Than_Declared()
    {
        using var dir = new TempDir();
        using var writer = IdxWriter.Create(dir.File("x"), 2, 2);
        writer.Write(new float[] { 0, 0.5f, 1 });
        Assert.Throws<InvalidOperationException>(() => writer.Finish());
        Assert.Throws<InvalidOperationException>(() => writer.Write(new byte[2]));
        Assert.Throws<ArgumentException>(() => IdxWriter.WriteFile(dir.File("y"), [2, 2], new byte[3]));
    }
}
