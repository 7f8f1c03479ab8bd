using Vae.Data;

namespace Vae.Tests.Data;

public class CsvTableReaderTests
{
    static Dataset Read(string text, CsvOptions? options = null, string name = "t.csv") =>
        CsvTableReader.Read(new StringReader(text), name, options ?? CsvOptions.Default);

    [Fact]
    public void Csv_Reader_Detects_A_Header_And_Reads_Values_And_A_Label_Column()
    {
        var d = Read("a,b,kind\n1,2.5,cat\n-3,4e-1,dog\n5,6,cat\n", new CsvOptions { LabelColumn = "kind" });
        Assert.Equal(3, d.Count);
        Assert.Equal(2, d.Dimension);
        Assert.Equal([1f, 2.5f, -3f, 0.4f, 5f, 6f], d.Features);
        Assert.Equal([0, 1, 0], d.Labels!);
        Assert.Equal(["cat", "dog"], d.ClassNames!);
    }

    [Fact]
    public void Csv_Reader_Reads_A_Headerless_Tab_Separated_File_With_A_Label_By_Index()
    {
        var d = Read("1\t2\t7\n3\t4\t8\n", new CsvOptions { LabelColumn = "2" });
        Assert.Equal([1f, 2f, 3f, 4f], d.Features);
        Assert.Equal([7, 8], d.Labels!);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("a,b\n", "no data rows")]
    [InlineData("a,b\n1,2\n3\n", "line 3 has 1 fields")]
    [InlineData("a,b\n1,2\n3,x\n", "line 3, column 'b': 'x' is not a number")]
    [InlineData("a,b\n1,NaN\n", "not a finite value")]
    [InlineData("a,b\n1,inf\n", "not a finite value")]
    [InlineData("a,b\n1,1e300\n", "not a finite value")]
    [InlineData("a,b\n1,\"2\n", "unclosed quote")]
    public void Csv_Reader_Rejects_Malformed_Tables_With_A_Clear_Error(string text, string expected)
    {
        var e = Assert.Throws<VaeException>(() => Read(text));
        Assert.Contains("t.csv", e.Message);
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void Csv_Reader_Rejects_A_Label_Column_That_Does_Not_Exist_Naming_The_Columns()
    {
        var e = Assert.Throws<VaeException>(() => Read("a,b\n1,2\n", new CsvOptions { LabelColumn = "label" }));
        Assert.Contains("label column 'label' does not exist (columns: a, b)", e.Message);
    }
}
