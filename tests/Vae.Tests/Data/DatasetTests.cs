using Vae.Data;

namespace Vae.Tests.Data;

public class DatasetTests
{
    static Dataset Numbered(int rows, int d) =>
        new("numbered", Enumerable.Range(0, rows * d).Select(i => 1f + i % 1000).ToArray(), DataShape.Vector(d), Enumerable.Range(0, rows).Select(i => i % 7).ToArray());

    [Fact]
    public void A_Releasing_Subset_Holds_The_Same_Rows_As_A_Subset()
    {
        const int rows = 5_000, d = 784;   // 15.7 MB: the copy releases the source in several 8 MB steps
        var rng = new Random(3);
        var keep = Enumerable.Range(0, rows).Where(_ => rng.NextDouble() < 0.9).ToArray();
        var expected = Numbered(rows, d).Subset(keep, "kept");
        var source = Numbered(rows, d);
        var kept = source.SubsetReleasing(keep, "kept");
        Assert.Equal(expected.Features, kept.Features);
        Assert.Equal(expected.Labels, kept.Labels);
        Assert.Equal("kept", kept.Name);
        if (OperatingSystem.IsLinux())
        {
            // The source's whole pages went back to the kernel and read as zeros now (every value was ≥ 1).
            int zeros = source.Features.Count(v => v == 0f);
            Assert.InRange(zeros, source.Features.Length - 2 * Environment.SystemPageSize / sizeof(float), source.Features.Length);
        }
    }

    [Fact]
    public void A_Releasing_Subset_Needs_Ascending_Rows() =>
        Assert.Throws<ArgumentException>(() => Numbered(10, 3).SubsetReleasing([0, 5, 5, 7], "x"));
}
