using Vae.Applications.SingleCell;
using Vae.Evaluation;
using Vae.Runs;
using Vae.Tests.Cli;
using static TorchSharp.torch;

namespace Vae.Tests.Applications.SingleCell;

/// <summary>
/// Training on an AnnData file (labels and batches from its obs, counts from a layer) and
/// `vae sc export --h5ad`: the written file, read back with our own reader, holds the input counts,
/// the names, the latent means and the expression the library computes directly. (That anndata itself
/// opens it is checked once by fixtures/check_export.py; docs/results/h5ad.md.)
/// </summary>
public class H5adExportTests : IDisposable
{
    readonly TempDir tmp = new();

    public void Dispose() => tmp.Dispose();

    [Fact]
    public void Train_On_A_Layer_Then_Export_Writes_What_The_Model_Computes()
    {
        string source = "h5ad:" + H5adReaderTests.Fixture("csr.h5ad");
        string dir = tmp.File("m");
        var r = CliRunner.Run(["train", "--data", source, "--layer", "counts", "--likelihood", "nb", "--hvg", "20", "--hidden", "16",
            "--latent", "3", "--epochs", "1", "--batch-size", "16", "--out", dir]);
        Assert.True(r.ExitCode == 0, r.Error + r.Out);
        var config = ModelFolder.ReadConfig(dir);
        Assert.Equal(("counts", "cell_type", "batch"), (config.Data.Layer, config.Data.LabelKey, config.Data.BatchKey));   // defaults found in obs
        Assert.Equal(2, config.Model.Conditions);

        string output = tmp.File("out.h5ad");
        r = CliRunner.Run("sc", "export", dir, "--h5ad", output);
        Assert.True(r.ExitCode == 0, r.Error + r.Out);
        Assert.Empty(Directory.GetFiles(tmp.Path, ".out.h5ad.tmp*"));

        var cells = ModelCells.Load(config);
        var data = cells.Data;
        using var model = ModelFolder.Load(dir, CPU);
        var (trainMean, _) = Generation.Encode(model.Model, data.Train, CPU);
        var (testMean, _) = Generation.Encode(model.Model, data.Test, CPU);
        var mean = data.Merge(trainMean, testMean, 3);
        var normalized = data.Merge(CellExpression.Normalised(model.Model, data.Train, CPU), CellExpression.Normalised(model.Model, data.Test, CPU), 20);
        var corrected = data.Merge(CellExpression.Normalised(model.Model, data.Train, CPU, 0), CellExpression.Normalised(model.Model, data.Test, CPU, 0), 20);

        var written = H5adCounts.Read(output);
        Assert.Equal(data.Cells.Counts.Barcodes, written.Barcodes);
        Assert.Equal(data.Genes.Select(g => data.Cells.Counts.GeneNames[g]), written.GeneNames);
        Assert.Equal(data.Genes.Select(g => data.Cells.Counts.GeneIds[g]), written.GeneIds);
        Assert.Equal(data.Cells.Counts.Counts.ToDense(data.Genes), written.Counts.ToDense(Enumerable.Range(0, 20).ToArray()));

        using var file = H5adFile.Open(output);
        Assert.Equal(mean, file.Rows(file.Dataset("obsm/X_vae", "latent"), "obsm/X_vae", 0, data.Count, 3));
        Assert.Equal(normalized, H5adMatrix.Open(file, "vae_normalized").ReadAll().ToDense(Enumerable.Range(0, 20).ToArray()));
        Assert.Equal(corrected, H5adMatrix.Open(file, "vae_batch_corrected").ReadAll().ToDense(Enumerable.Range(0, 20).ToArray()));
        var obs = H5adFrame.Read(file, "obs");
        Assert.Equal(["vae_split", "cell_type", "batch"], obs.Columns);
        var isTest = data.IsTest();
        Assert.Equal(isTest.Select(t => t ? "test" : "train"), obs.Column("vae_split", "test"));
        Assert.Equal(cells.Labels!.Select(l => cells.LabelNames![l]), obs.Column("cell_type", "test"));
        Assert.Equal(File.ReadAllText(Path.Combine(dir, ModelFolder.ConfigFile)), file.Guard("uns/vae/config", () => file.Dataset("uns/vae/config", "config").Read<string>()));
        Assert.Equal("b1", file.Guard("uns/vae/reference_batch", () => file.Dataset("uns/vae/reference_batch", "batch").Read<string>()));
    }

    [Fact]
    public void Export_Needs_A_Destination()
    {
        var r = CliRunner.Run("sc", "export", tmp.File("none"));
        Assert.Equal(2, r.ExitCode);
    }
}
