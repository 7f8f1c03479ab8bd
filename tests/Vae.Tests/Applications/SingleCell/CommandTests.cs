using System.Text.Json;
using Vae.Applications.SingleCell;
using Vae.Tests.Cli;

namespace Vae.Tests.Applications.SingleCell;

public class CommandTests : IDisposable
{
    private readonly TempDir tmp = new();

    public void Dispose() => tmp.Dispose();

    [Fact]
    public void Simulate_Writes_A_TenX_Folder_And_Metadata_That_Baseline_And_Describe_Read()
    {
        string dir = tmp.File("sim");
        var r = CliRunner.Run("sc", "simulate", "--cells", "400", "--genes", "120", "--types", "3", "--batches", "2", "--seed", "3", "--out", dir);
        Assert.True(r.ExitCode == 0, r.Error + r.Out);
        foreach (var f in new[] { "matrix.mtx.gz", "features.tsv.gz", "barcodes.tsv.gz", "metadata.csv", "genes_truth.csv" })
            Assert.True(File.Exists(Path.Combine(dir, f)), f);
        Assert.StartsWith("barcode,cell_type,batch", File.ReadLines(Path.Combine(dir, "metadata.csv")).First());
        Assert.Equal(400, TenXFolder.Read(dir).Cells);

        r = CliRunner.Run("sc", "baseline", "--data", "10x:" + dir, "--metadata", Path.Combine(dir, "metadata.csv"), "--hvg", "60", "--components", "5", "--json", "--out", tmp.File("pcs.csv"));
        Assert.True(r.ExitCode == 0, r.Error + r.Out);
        using var doc = JsonDocument.Parse(r.Out);
        Assert.Equal(["pca", "cells", "genes", "components", "seconds"], doc.RootElement.EnumerateObject().Select(p => p.Name));
        var pca = doc.RootElement.GetProperty("pca");
        Assert.Equal(["ari", "nmi", "silhouette", "batch_mixing"], pca.EnumerateObject().Select(p => p.Name));
        Assert.InRange(pca.GetProperty("ari").GetDouble(), -1, 1);
        Assert.InRange(pca.GetProperty("batch_mixing").GetDouble(), 0, 1);
        Assert.Equal(60, doc.RootElement.GetProperty("genes").GetInt32());
        Assert.Equal(401, File.ReadAllLines(tmp.File("pcs.csv")).Length);

        r = CliRunner.Run("sc", "describe", "--data", "10x:" + dir, "--metadata", Path.Combine(dir, "metadata.csv"), "--json");
        Assert.True(r.ExitCode == 0, r.Error + r.Out);
        using var summary = JsonDocument.Parse(r.Out);
        Assert.Equal(400, summary.RootElement.GetProperty("cells").GetInt32());
        Assert.Equal(8, summary.RootElement.GetProperty("label_counts").GetProperty("rare").GetInt32());
    }

    [Fact]
    public void Sc_Commands_Report_Bad_Input_In_One_Line()
    {
        var r = CliRunner.Run("sc", "simulate", "--cells", "100");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--out", r.Error);
        string dir = tmp.File("s");
        Assert.Equal(0, CliRunner.Run("sc", "simulate", "--cells", "50", "--genes", "30", "--out", dir).ExitCode);
        r = CliRunner.Run("sc", "simulate", "--cells", "50", "--genes", "30", "--out", dir);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--overwrite", r.Error);
        r = CliRunner.Run("sc", "simulate", "--cells", "50", "--genes", "30", "--out", dir, "--overwrite", "--json");
        Assert.Equal(0, r.ExitCode);
        using (var simulated = JsonDocument.Parse(r.Out))
            Assert.Equal(["out", "options", "summary"], simulated.RootElement.EnumerateObject().Select(p => p.Name));
        r = CliRunner.Run("sc", "simulate", "--cells", "5", "--out", tmp.File("t"));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--cells 5: must be ≥ 10", r.Error);
        r = CliRunner.Run("sc", "baseline", "--data", "10x:" + dir);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--metadata", r.Error);
        r = CliRunner.Run("sc", "baseline", "--data", "10x:" + dir, "--metadata", Path.Combine(dir, "metadata.csv"), "--label-key", "tissue");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--label-key tissue", r.Error);
        r = CliRunner.Run("sc", "describe", "--data", "10x:" + tmp.File("missing"));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("folder not found", r.Error);
    }
}
