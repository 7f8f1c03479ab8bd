using System.Text.Json.Nodes;
using Vae.Data;
using Vae.Models;
using Vae.Runs;
using Vae.Training;
using static TorchSharp.torch;

namespace Vae.Tests.Training;

public class ModelFolderTests : IDisposable
{
    private readonly TempDir tmp = new();
    private readonly string dir;

    public ModelFolderTests()
    {
        string mnist = Fixtures.MnistFolder(tmp.Path, train: 64, test: 16);
        dir = tmp.File("model");
        var config = new RunConfig
        {
            Model = ModelOptions.MnistMlp with { Network = new MlpNetwork { Hidden = [16] }, Latent = 2 },
            Data = new DataOptions { Source = "mnist:" + mnist, ValidationSize = 0 },
            Training = TrainingOptions.Default with { Epochs = 1, BatchSize = 32 },
        };
        using var t = Trainer.Start(config, dir, CPU);
        t.Run();
    }

    public void Dispose() => tmp.Dispose();

    [Fact]
    public void Loading_Rejects_Weights_Whose_Checksum_Does_Not_Match()
    {
        var bytes = File.ReadAllBytes(Path.Combine(dir, ModelFolder.ModelFile));
        bytes[^3] ^= 0x40;
        File.WriteAllBytes(Path.Combine(dir, ModelFolder.ModelFile), bytes);
        var e = Assert.Throws<VaeException>(() => ModelFolder.Load(dir, CPU));
        Assert.Contains("checksum mismatch", e.Message);
    }

    [Fact]
    public void Loading_Rejects_A_Newer_Format_Version()
    {
        EditConfig(c => c["format_version"] = 99);
        var e = Assert.Throws<VaeException>(() => ModelFolder.Load(dir, CPU));
        Assert.Contains("newer version", e.Message);
    }

    [Fact]
    public void Loading_Rejects_Weights_From_A_Different_Architecture()
    {
        EditConfig(c => c["model"]!["latent"] = 3);
        var e = Assert.Throws<VaeException>(() => ModelFolder.Load(dir, CPU));
        Assert.Contains("belong to another architecture", e.Message);
    }

    [Fact]
    public void Loading_Rejects_Unknown_Config_Fields()
    {
        EditConfig(c => c["model"]!["lattent"] = 3);
        var e = Assert.Throws<VaeException>(() => ModelFolder.Load(dir, CPU));
        Assert.Contains("lattent", e.Message);
    }

    [Fact]
    public void Loading_Reports_A_Missing_Weight_File_And_A_Folder_That_Is_Not_A_Model()
    {
        File.Delete(Path.Combine(dir, ModelFolder.ModelFile));
        Assert.Contains("file not found", Assert.Throws<VaeException>(() => ModelFolder.Load(dir, CPU)).Message);
        Assert.Contains("not a model folder", Assert.Throws<VaeException>(() => ModelFolder.Load(tmp.Path, CPU)).Message);
        Assert.Contains("model folder not found", Assert.Throws<VaeException>(() => ModelFolder.Load(tmp.File("nowhere"), CPU)).Message);
    }

    [Fact]
    public void Rewriting_Keeps_Files_The_User_Put_In_The_Folder()
    {
        File.WriteAllText(Path.Combine(dir, "notes.txt"), "mine");
        using (var t = Trainer.Resume(dir, CPU, epochs: 2)) t.Run();
        Assert.Equal("mine", File.ReadAllText(Path.Combine(dir, "notes.txt")));
        Assert.Equal(2, ModelFolder.ReadState(dir).Epoch);
        Assert.Empty(Directory.GetDirectories(tmp.Path, ".model.*"));
    }

    [Fact]
    public void Loading_Rejects_A_Config_With_A_Missing_Field_Naming_It()
    {
        EditConfig(c => c["training"]!.AsObject().Remove("batch_size"));
        var e = Assert.Throws<VaeException>(() => ModelFolder.Load(dir, CPU));
        Assert.Contains("the field 'training.batch_size' is missing", e.Message);
    }

    [Fact]
    public void Loading_Rejects_A_File_That_Is_Not_A_Checkpoint_At_All()
    {
        File.WriteAllText(Path.Combine(dir, ModelFolder.ModelFile), "<html>not weights</html>");
        var state = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(dir, ModelFolder.StateFile)))!;
        state["checksums"]!["model.dat"] = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(Path.Combine(dir, ModelFolder.ModelFile))));
        File.WriteAllText(Path.Combine(dir, ModelFolder.StateFile), state.ToJsonString());
        var e = Assert.Throws<VaeException>(() => ModelFolder.Load(dir, CPU));
        Assert.Contains("model.dat", e.Message);
        Assert.Matches("not a weight file|another architecture|ends early", e.Message);
    }

    [Fact]
    public void Loading_Rejects_A_Config_That_Is_Not_Json()
    {
        File.WriteAllText(Path.Combine(dir, ModelFolder.ConfigFile), "model: mlp\nlatent: 20\n");
        var e = Assert.Throws<VaeException>(() => ModelFolder.Load(dir, CPU));
        Assert.Contains("config.json: not valid for this version", e.Message);
    }

    void EditConfig(Action<JsonNode> edit)
    {
        string path = Path.Combine(dir, ModelFolder.ConfigFile);
        var node = JsonNode.Parse(File.ReadAllText(path))!;
        edit(node);
        File.WriteAllText(path, node.ToJsonString());
    }
}
