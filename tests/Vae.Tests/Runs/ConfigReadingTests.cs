using System.Text.Json;
using System.Text.Json.Nodes;
using Vae.IO;
using Vae.Models;
using Vae.Runs;

namespace Vae.Tests.Runs;

/// <summary>config.json is read completely whatever record types it holds, and in any key order.</summary>
public class ConfigReadingTests
{
    static string Folder(TempDir tmp, RunConfig config, Action<JsonObject> edit)
    {
        var node = JsonNode.Parse(JsonSerializer.Serialize(config, Json.Strict))!.AsObject();
        edit(node);
        File.WriteAllText(tmp.File(ModelFolder.ConfigFile), node.ToJsonString());
        return tmp.Path;
    }

    [Theory]
    [InlineData("network", "activation")]
    [InlineData("pixel_cnn", "z_injection")]
    [InlineData("property_head", "scale")]
    public void A_Field_Missing_From_Any_Record_Is_Named(string record, string field)
    {
        using var tmp = new TempDir();
        var model = ModelOptions.MnistConv with
        {
            PixelCnn = new PixelCnnOptions(),
            PropertyHead = new PropertyHeadOptions { Hidden = [4], Targets = 1, Mean = [0], Scale = [1] },
        };
        string dir = Folder(tmp, new RunConfig { Model = model }, c => c["model"]![record]!.AsObject().Remove(field));
        var e = Assert.Throws<VaeException>(() => ModelFolder.ReadConfig(dir));
        Assert.Contains($"the field 'model.{record}.{field}' is missing", e.Message);
    }

    [Fact]
    public void A_Config_With_Its_Keys_Sorted_Reads_The_Same()
    {
        using var tmp = new TempDir();
        var config = new RunConfig { Model = ModelOptions.MnistConv };
        string dir = Folder(tmp, config, c =>
        {
            var network = c["model"]!["network"]!.AsObject();
            var kind = network["kind"]!.DeepClone();
            network.Remove("kind");
            network["kind"] = kind;   // the discriminator last, as jq -S would leave it
        });
        var read = ModelFolder.ReadConfig(dir);
        Assert.Equal(JsonSerializer.Serialize(config, Json.Strict), JsonSerializer.Serialize(read, Json.Strict));
    }
}
