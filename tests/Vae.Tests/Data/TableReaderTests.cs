using System.Globalization;
using Vae.Data;
using Vae.Data.Shards;
using Vae.Data.Tables;

namespace Vae.Tests.Data;

/// <summary>
/// The Parquet and Arrow readers against files written by independent writers (Fixtures/make_table_fixtures.mjs:
/// Apache Arrow's JavaScript library and its Rust Parquet writer) and the values those writers were given.
/// </summary>
public class TableReaderTests
{
    static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Data", "Fixtures", name);

    /// <summary>The values written, by column (types.expected.csv).</summary>
    static Dictionary<string, string[]> Expected()
    {
        var lines = File.ReadAllLines(Fixture("types.expected.csv"));
        var names = lines[0].Split(',');
        return names.Select((n, c) => (n, lines.Skip(1).Select(l => l.Split(',')[c]).ToArray())).ToDictionary(t => t.n, t => t.Item2);
    }

    static void AssertColumnsAreTheValuesWritten(IReadOnlyList<TableColumn> columns)
    {
        var expected = Expected();
        Assert.Equal(["i8", "i16", "i32", "i64", "u8", "u16", "u32", "u64", "f32", "f64", "flag", "species"], columns.Select(c => c.Name));
        foreach (var column in columns)
        {
            var want = expected[column.Name];
            if (column.Name == "species") { Assert.Equal(want, column.Texts); continue; }
            Assert.NotNull(column.Numbers);
            // Compared as the float32 features they become (64-bit integers beyond 2^53 pass through float64 first).
            Assert.Equal(want.Select(s => (float)double.Parse(s, CultureInfo.InvariantCulture)), column.Numbers!.Select(v => (float)v));
        }
    }

    [Theory]
    [InlineData("types-snappy.parquet")]
    [InlineData("types-gzip.parquet")]
    [InlineData("types-zstd.parquet")]
    [InlineData("types-none.parquet")]
    public void Parquet_Gives_The_Values_Written_In_Every_Type_Codec_And_Row_Group(string file) =>
        AssertColumnsAreTheValuesWritten(ParquetTableReader.ReadColumns(Fixture(file)));

    [Theory]
    [InlineData("types.arrow")]
    [InlineData("types-stream.arrows")]
    public void Arrow_Ipc_File_And_Stream_Give_The_Values_Written(string file) =>
        AssertColumnsAreTheValuesWritten(ArrowTableReader.ReadColumns(Fixture(file)));

    [Fact]
    public void A_Text_Label_Column_Becomes_Sorted_Classes_And_The_Rest_Are_Features_In_File_Order()
    {
        var data = ParquetTableReader.Read(Fixture("types-snappy.parquet"), "species");
        var expected = Expected();
        Assert.Equal(["setosa", "versicolor", "virginica"], data.ClassNames);
        Assert.Equal(expected["species"].Select(s => s switch { "setosa" => 0, "versicolor" => 1, _ => 2 }), data.Labels);
        string[] features = ["i8", "i16", "i32", "i64", "u8", "u16", "u32", "u64", "f32", "f64", "flag"];
        Assert.Equal(DataShape.Vector(11), data.Shape);
        for (int r = 0; r < data.Count; r++)
            Assert.Equal(features.Select(f => (float)double.Parse(expected[f][r], CultureInfo.InvariantCulture)), data.Row(r).ToArray());
    }

    sealed class Coded { public double X { get; set; } public int Kind { get; set; } }

    [Fact]
    public async Task A_Label_Column_May_Be_Given_By_Index_And_Integer_Labels_Are_Kept()
    {
        using var tmp = new TempDir();
        var rows = Enumerable.Range(0, 8).Select(i => new Coded { X = i * 0.5, Kind = (i * 5) % 7 }).ToList();
        await Parquet.Serialization.ParquetSerializer.SerializeAsync(rows, tmp.File("k.parquet"));
        var data = ParquetTableReader.Read(tmp.File("k.parquet"), "1");
        Assert.Null(data.ClassNames);
        Assert.Equal(rows.Select(r => r.Kind), data.Labels);
        Assert.Equal(rows.Select(r => (float)r.X), data.Features);
        var city = ParquetTableReader.Read(Fixture("text-feature.parquet"), "1");
        Assert.Equal(["x", "y", "z"], city.ClassNames);
    }

    [Theory]
    [InlineData("nulls.parquet")]
    [InlineData("nulls.arrow")]
    public void A_Null_Is_An_Error_Naming_The_Column_And_Row(string file)
    {
        var e = Assert.Throws<VaeException>(() => TableReaderFor(file)(Fixture(file), null));
        Assert.Contains("column 'a', row 3 (counting from 0): a null (missing) value", e.Message);
    }

    static Func<string, string?, Dataset> TableReaderFor(string file) => file.EndsWith(".parquet") ? ParquetTableReader.Read : ArrowTableReader.Read;

    [Fact]
    public void A_Text_Feature_Column_Is_An_Error_Naming_It()
    {
        var e = Assert.Throws<VaeException>(() => ParquetTableReader.Read(Fixture("text-feature.parquet"), null));
        Assert.Contains("column 'city' holds text (string), not numbers", e.Message);
        Assert.Equal(6, ParquetTableReader.Read(Fixture("text-feature.parquet"), "city").Labels!.Length);
    }

    [Fact]
    public void A_Missing_Label_Column_Lists_The_Columns_Present()
    {
        var e = Assert.Throws<VaeException>(() => ParquetTableReader.Read(Fixture("text-feature.parquet"), "species"));
        Assert.Contains("label column 'species' does not exist (columns: a, city)", e.Message);
    }

    [Fact]
    public void Damaged_Files_Give_One_Line_Errors_Naming_The_File()
    {
        using var tmp = new TempDir();
        var bytes = File.ReadAllBytes(Fixture("types-snappy.parquet"));
        File.WriteAllBytes(tmp.File("cut.parquet"), bytes[..(bytes.Length / 2)]);
        File.WriteAllBytes(tmp.File("cut.arrow"), File.ReadAllBytes(Fixture("types.arrow"))[..600]);
        foreach (var (file, read) in new (string, Func<string, string?, Dataset>)[] { ("cut.parquet", ParquetTableReader.Read), ("cut.arrow", ArrowTableReader.Read) })
        {
            var e = Assert.Throws<VaeException>(() => read(tmp.File(file), null));
            Assert.StartsWith(tmp.File(file) + ": ", e.Message);
            Assert.DoesNotContain('\n', e.Message);
        }
    }

    sealed class Prices { public decimal Price { get; set; } public bool Sold { get; set; } public int? Count { get; set; } }

    [Fact]
    public async Task Decimals_Booleans_And_Optional_Columns_Without_Nulls_Read_As_Numbers()
    {
        using var tmp = new TempDir();
        var rows = Enumerable.Range(0, 10).Select(i => new Prices { Price = 12.34m * i, Sold = i % 3 == 0, Count = i * 7 }).ToList();
        await Parquet.Serialization.ParquetSerializer.SerializeAsync(rows, tmp.File("p.parquet"));
        var data = ParquetTableReader.Read(tmp.File("p.parquet"), null);
        Assert.Equal(rows.SelectMany(r => new[] { (float)r.Price, r.Sold ? 1f : 0f, (float)r.Count!.Value }), data.Features);
    }

    [Fact]
    public void The_Sources_Hold_Out_A_Test_Split_As_Csv_Does_And_Convert_To_Shards()
    {
        using var tmp = new TempDir();
        var (train, test) = DataSources.LoadRaw(new DataOptions { Source = "parquet:" + Fixture("types-zstd.parquet"), LabelColumn = "species", ValidationSize = 0 });
        Assert.Equal((11, 1), (train.Count, test.Count));
        var (arrowTrain, arrowTest) = DataSources.LoadRaw(new DataOptions { Source = "feather:" + Fixture("types.arrow"), LabelColumn = "species", ValidationSize = 0 });
        Assert.Equal(train.Features, arrowTrain.Features);
        Assert.Equal(test.Labels, arrowTest.Labels);
        var r = Cli.CliRunner.Run("convert", "--data", "parquet:" + Fixture("types-gzip.parquet"), "--label-column", "species", "--out", tmp.File("shards"));
        Assert.True(r.ExitCode == 0, r.Error);
        var back = ShardedDataset.Open(tmp.File("shards/train")).Materialize(0, 11, "back");
        Assert.Equal(train.Features, back.Features);
        Assert.Equal(train.Labels, back.Labels);
    }
}
