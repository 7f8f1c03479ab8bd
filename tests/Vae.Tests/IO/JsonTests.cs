using Vae.IO;

namespace Vae.Tests.IO;

public class JsonTests : IDisposable
{
    private readonly TempDir tmp = new();

    public void Dispose() => tmp.Dispose();

    sealed record Inner(int Epochs, string Name);

    sealed record Outer(Inner Training, double Beta);


    string Write(string json)
    {
        string path = tmp.File("config.json");
        File.WriteAllText(path, json);
        return path;
    }

    [Fact]
    public void A_Complete_File_Reads_Back()
    {
        var value = Json.ReadComplete<Outer>(Write("""{ "training": { "epochs": 3, "name": "x" }, "beta": 2 }"""));
        Assert.Equal(new Outer(new Inner(3, "x"), 2), value);
    }

    [Theory]
    [InlineData("""{ "training": { "epochs": 3, "name": "x" }, "beta": 2, "beta": 3 }""")]
    [InlineData("""{ "training": { "epochs": 3, "epochs": 4, "name": "x" }, "beta": 2 }""")]
    public void A_Field_Written_Twice_Is_A_Clear_Error_Naming_The_File(string json)
    {
        string path = Write(json);
        var e = Assert.Throws<VaeException>(() => Json.ReadComplete<Outer>(path));
        Assert.Contains(path, e.Message);
        var f = Assert.Throws<VaeException>(() => Json.ReadFile<Outer>(path));
        Assert.Contains(path, f.Message);
    }

    [Fact]
    public void A_Missing_Nested_Field_Is_Named()
    {
        var e = Assert.Throws<VaeException>(() => Json.ReadComplete<Outer>(Write("""{ "training": { "epochs": 3 }, "beta": 2 }""")));
        Assert.Contains("'training.name'", e.Message);
    }

    [Fact]
    public void Output_Options_Still_Read_Duplicates_Leniently()
    {
        // Lines the project only writes (metrics.jsonl, --json) are read leniently: the last value wins.
        var value = System.Text.Json.JsonSerializer.Deserialize<Inner>("""{ "epochs": 3, "epochs": 4, "name": "x" }""", Json.Line);
        Assert.Equal(4, value!.Epochs);
    }
}
