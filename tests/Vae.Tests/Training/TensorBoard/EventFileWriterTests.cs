using System.Text;
using System.Text.Json;
using SkiaSharp;
using Vae.IO.TensorBoard;

namespace Vae.Tests.Training.TensorBoard;

public class EventFileWriterTests : IDisposable
{
    private readonly TempDir tmp = new();

    public void Dispose() => tmp.Dispose();

    [Theory]
    [InlineData("123456789", 0xE3069283u)]   // the check value of CRC-32C (Castagnoli)
    [InlineData("", 0x00000000u)]
    public void Crc32C_Gives_The_Known_Check_Values(string text, uint expected)
    {
        Assert.Equal(expected, Crc32C.Compute(Encoding.ASCII.GetBytes(text)));
        Assert.Equal(expected, EventFileReader.ReferenceCrc32C(Encoding.ASCII.GetBytes(text)));
    }

    [Fact]
    public void Crc32C_Gives_The_Test_Vectors_Of_Rfc3720()
    {
        // RFC 3720 (iSCSI), B.4: 32 bytes of zeros, of ones, ascending, descending.
        Assert.Equal(0x8A9136AAu, Crc32C.Compute(new byte[32]));
        Assert.Equal(0x62A8AB43u, Crc32C.Compute(Enumerable.Repeat((byte)0xFF, 32).ToArray()));
        Assert.Equal(0x46DD794Eu, Crc32C.Compute(Enumerable.Range(0, 32).Select(i => (byte)i).ToArray()));
        Assert.Equal(0x113FDB5Cu, Crc32C.Compute(Enumerable.Range(0, 32).Select(i => (byte)(31 - i)).ToArray()));
    }

    [Fact]
    public void Crc32C_Agrees_With_The_Bitwise_Reference_At_Every_Length()
    {
        var rng = new Random(7);
        for (int n = 0; n < 70; n++)
        {
            var data = new byte[n];
            rng.NextBytes(data);
            Assert.Equal(EventFileReader.ReferenceCrc32C(data), Crc32C.Compute(data));
        }
    }

    [Fact]
    public void Histogram_Counts_As_Numpy_Histogram_Does()
    {
        // fixtures/histograms.json: numpy.histogram(values, bins) from make_fixtures.py (python3-numpy 1.24)
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Training", "TensorBoard", "fixtures", "histograms.json")));
        foreach (var c in doc.RootElement.EnumerateArray())
        {
            var values = c.GetProperty("values").EnumerateArray().Select(v => v.GetDouble()).ToArray();
            var counts = c.GetProperty("counts").EnumerateArray().Select(v => v.GetDouble()).ToArray();
            var edges = c.GetProperty("edges").EnumerateArray().Select(v => v.GetDouble()).ToArray();
            var h = Histogram.Of(values, c.GetProperty("bins").GetInt32());
            string name = c.GetProperty("name").GetString()!;
            Assert.True(counts.SequenceEqual(h.Bucket.Skip(1)), name);
            Assert.True(edges.SequenceEqual(h.BucketLimit), name);   // the empty first bucket's limit is the first edge
            Assert.Equal(0, h.Bucket[0]);
            Assert.Equal(values.Length, h.Num);
            Assert.Equal(values.Min(), h.Min);
            Assert.Equal(values.Max(), h.Max);
            Assert.Equal(values.Sum(v => v * v), h.SumSquares, 1e-9 * h.SumSquares);
        }
    }

    [Fact]
    public void Histogram_Of_Equal_Values_Is_One_Bucket_And_Skips_Non_Finite_Values()
    {
        var h = Histogram.Of([2.5, 2.5, double.NaN, 2.5, double.PositiveInfinity], 30);
        Assert.Equal([0.0, 3.0], h.Bucket);
        Assert.Equal([2.5, 2.5], h.BucketLimit);
        Assert.Equal(3, h.Num);
        Assert.Equal(7.5, h.Sum);
    }

    [Fact]
    public void Events_Read_Back_With_An_Independent_Reader()
    {
        string dir = tmp.File("tb");
        var png = Reporting.ImageGrid.Render(Enumerable.Range(0, 2 * 28 * 28).Select(i => i % 28 / 27f).ToArray(), new DataShape(1, 28, 28), 2);
        string path;
        using (var w = EventFileWriter.Create(dir))
        {
            path = w.Path;
            w.AddSessionStart(5);
            w.AddScalar("a/b", 0.1, 7);
            w.AddHistogram("h", [1, 2, 3, 4], 7, bins: 3);
            w.AddImage("img", png, 8);
        }
        var events = EventFileReader.Read(path);
        Assert.Equal("brain.Event:2", events[0].FileVersion);
        Assert.Equal((5L, 1), (events[1].Step, events[1].SessionStatus!.Value));
        var scalar = Assert.Single(events[2].Values);
        Assert.Equal(("a/b", 0.1f, 7L), (scalar.Tag, scalar.Simple!.Value, events[2].Step));
        var histo = Assert.Single(events[3].Values).Histo!;
        Assert.Equal([0.0, 1, 1, 2], histo.Buckets);        // [1, 2), [2, 3), [3, 4]
        Assert.Equal([1.0, 2, 3, 4], histo.Limits);
        Assert.Equal((1.0, 4.0, 4.0, 10.0, 30.0), (histo.Min, histo.Max, histo.Num, histo.Sum, histo.SumSquares));
        var image = Assert.Single(events[4].Values).Image!;
        using var bitmap = SKBitmap.Decode(image.Encoded);
        Assert.Equal((bitmap.Width, bitmap.Height), (image.Width, image.Height));
        Assert.Equal(png, image.Encoded);
        double now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0;
        Assert.All(events, e => Assert.InRange(e.WallTime, now - 600, now + 1));   // seconds since 1970, not .NET ticks
    }

    [Fact]
    public void A_Second_File_Sorts_After_The_First_And_A_File_In_The_Way_Is_A_Clear_Error()
    {
        string dir = tmp.File("tb");
        string first, second;
        using (var w = EventFileWriter.Create(dir)) first = Path.GetFileName(w.Path);
        using (var w = EventFileWriter.Create(dir)) second = Path.GetFileName(w.Path);
        Assert.True(string.CompareOrdinal(first, second) < 0, $"{first} then {second}");
        Assert.StartsWith("events.out.tfevents.", second);
        string file = tmp.File("plain.txt");
        File.WriteAllText(file, "x");
        var e = Assert.Throws<VaeException>(() => EventFileWriter.Create(file));
        Assert.Contains("is a file, not a folder", e.Message);
        using var writer = EventFileWriter.Create(tmp.File("tb2"));
        Assert.Throws<ArgumentException>(() => writer.AddImage("x", [1, 2, 3], 0));
    }
}
