using System.Text.Json;
using Vae.Tests.Cli;

namespace Vae.Tests.Applications.Physics;

[Collection(ProcessWide.Name)]
public class IsingCommandTests : IDisposable
{
    private readonly TempDir tmp = new();

    public void Dispose() => tmp.Dispose();

    [Fact]
    public void Simulate_Json_Prints_The_Documented_Keys_And_Writes_A_Folder_That_Train_And_Analyse_Read()
    {
        string data = tmp.File("ising");
        var r = CliRunner.Run("ising", "simulate", "--size", "8", "--temperatures", "1.5,2.0,2.269,3.0", "--samples", "40", "--pilot-sweeps", "200", "--out", data, "--json");
        Assert.True(r.ExitCode == 0, r.Error + r.Out);
        using var doc = JsonDocument.Parse(r.Out);
        Assert.Equal(["size", "algorithm", "seed", "samples", "critical_temperature", "out", "temperatures"], doc.RootElement.EnumerateObject().Select(p => p.Name));
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
        var analyse = CliRunner.Run("ising", "analyze", tmp.File("vae"), "--bootstrap", "5", "--json", "--plots", tmp.File("plots"));
        Assert.True(analyse.ExitCode == 0, analyse.Error + analyse.Out);
        using var result = JsonDocument.Parse(analyse.Out);
        Assert.Equal(8, result.RootElement.GetProperty("size").GetInt32());
        Assert.Equal(8, result.RootElement.GetProperty("estimates").GetArrayLength());
        Assert.True(File.Exists(tmp.File("plots/latent-L8.png")));

        // without its metadata the folder is still a data set, but not one the analysis can use
        File.Delete(Path.Combine(data, "metadata.csv"));
        // (the British spelling stays an alias of the verb)
        var missing = CliRunner.Run("ising", "analyse", tmp.File("vae"));
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("metadata.csv", missing.Error);
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
    public void Experiment_Writes_A_Report_With_Every_Section_Its_Figures_And_The_Analysis_Files()
    {
        string report = tmp.File("docs/ising.md");
        var r = CliRunner.Run("ising", "experiment", "--sizes", "6,8", "--temperatures", "1.0:3.5:0.25", "--samples", "20", "--epochs", "1",
            "--hidden", "16", "--validation-samples", "20", "--bootstrap", "2", "--out", tmp.File("runs"), "--report", report);
        Assert.True(r.ExitCode == 0, r.Error + r.Out);
        string text = File.ReadAllText(report);
        foreach (var heading in new[] { "## 1.", "## 2.", "## 3.", "## 4.", "## 5.", "## 6.", "## 7.", "## 8." }) Assert.Contains(heading, text);
        Assert.Contains("./vae ising experiment --sizes 6,8 --temperatures 1.0:3.5:0.25 --samples 20 --epochs 1 --hidden 16", text);
        foreach (var png in new[] { "configurations", "tc-vs-inverse-size", "latent-L6", "latent-raw-L8", "pca-L8", "curves-L6" })
        {
            Assert.True(File.Exists(tmp.File($"docs/ising/{png}.png")), png);
            Assert.Contains($"ising/{png}.png", text);
        }
        foreach (var f in new[] { "validation.json", "analysis-L6.json", "analysis-L8.json", "data-L8/metadata.csv", "vae-L8/model.dat" })
            Assert.True(File.Exists(tmp.File("runs/" + f)), f);
    }
}
