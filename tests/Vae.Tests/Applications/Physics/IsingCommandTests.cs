using System.Text.Json;
using Vae.Tests.Cli;

namespace Vae.Tests.Applications.Physics;

public class IsingCommandTests : IDisposable
{
    private readonly TempDir tmp = new();

    public void Dispose() => tmp.Dispose();

    [Fact]
    public void Simulate_Json_Prints_The_Documented_Keys_Per_Temperature_And_Writes_A_Trainable_Folder()
    {
        string data = tmp.File("ising");
        var r = CliRunner.Run("ising", "simulate", "--size", "8", "--temperatures", "1.5,2.0,2.269,3.0", "--samples", "40", "--pilot-sweeps", "200", "--out", data, "--json");
        Assert.True(r.ExitCode == 0, r.Error + r.Out);
        using var doc = JsonDocument.Parse(r.Out);
        var temps = doc.RootElement.GetProperty("temperatures").EnumerateArray().ToArray();
        Assert.Equal([1.5, 2.0, 2.269, 3.0], temps.Select(t => t.GetProperty("temperature").GetDouble()));
        foreach (var t in temps)
        {
            foreach (var key in new[] { "energy", "energy_err", "abs_magnetization", "abs_magnetization_err" })
                Assert.True(double.IsFinite(t.GetProperty(key).GetDouble()), key);
            Assert.InRange(t.GetProperty("energy").GetDouble(), -2, 0);
            Assert.InRange(t.GetProperty("abs_magnetization").GetDouble(), 0, 1);
        }
        // the general train verb reads it as documented
        var train = CliRunner.Run("train", "--data", "mnist:" + data, "--likelihood", "bernoulli", "--binarize", "none", "--latent", "2",
            "--hidden", "16", "--epochs", "1", "--val-size", "16", "--out", tmp.File("vae"));
        Assert.True(train.ExitCode == 0, train.Error + train.Out);
        var analyse = CliRunner.Run("ising", "analyse", tmp.File("vae"), "--bootstrap", "5", "--json", "--plots", tmp.File("plots"));
        Assert.True(analyse.ExitCode == 0, analyse.Error + analyse.Out);
        using var result = JsonDocument.Parse(analyse.Out);
        Assert.Equal(8, result.RootElement.GetProperty("size").GetInt32());
        Assert.Equal(8, result.RootElement.GetProperty("estimates").GetArrayLength());
        Assert.True(File.Exists(tmp.File("plots/latent-L8.png")));
    }

    [Theory]
    [InlineData("--size", "1", "--size")]
    [InlineData("--temperatures", "1.0,x", "--temperatures")]
    [InlineData("--algorithm", "heatbath", "--algorithm")]
    [InlineData("--test-fraction", "1.5", "--test-fraction")]
    public void Simulate_Rejects_Bad_Options_With_A_Message_Naming_Them(string option, string value, string named)
    {
        var r = CliRunner.Run("ising", "simulate", option, value, "--samples", "10");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(named, r.Error);
    }

    [Fact]
    public void Analyse_Says_When_A_Folder_Has_No_Metadata()
    {
        string mnist = Fixtures.MnistFolder(tmp.Path, train: 64, test: 16);
        Assert.Equal(0, CliRunner.Run("train", "--data", "mnist:" + mnist, "--hidden", "8", "--latent", "2", "--epochs", "1", "--val-size", "8", "--out", tmp.File("m")).ExitCode);
        var r = CliRunner.Run("ising", "analyse", tmp.File("m"));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("metadata.csv", r.Error);
    }
}
