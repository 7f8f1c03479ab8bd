using System.IO.Compression;
using System.Text.Json;
using Vae.Applications.SingleCell;
using Vae.Models;
using Vae.Runs;
using Vae.Tests.Cli;
using static TorchSharp.torch;

namespace Vae.Tests.Applications.SingleCell;

/// <summary>The workflow on a tiny simulated 10x folder: train on counts, evaluate, export, sweep.</summary>
public class ModelCommandTests : IDisposable
{
    private readonly TempDir tmp = new();
    private readonly string sim;

    public ModelCommandTests()
    {
        sim = tmp.File("sim");
        CountSimulator.Simulate(new SimulationOptions { Cells = 400, Genes = 60, Types = 3, Batches = 2, Seed = 7 }).Write(sim);
    }

    public void Dispose() => tmp.Dispose();

    string Meta => Path.Combine(sim, "metadata.csv");

    string Train(string name, params string[] extra)
    {
        string dir = tmp.File(name);
        var r = CliRunner.Run(["train", "--data", "10x:" + sim, "--metadata", Meta, "--hvg", "40", "--hidden", "16", "--latent", "3",
            "--epochs", "1", "--batch-size", "64", "--out", dir, .. extra]);
        Assert.True(r.ExitCode == 0, r.Error + r.Out);
        return dir;
    }

    [Fact]
    public void Train_On_A_TenX_Folder_Stores_The_Data_Options_And_Sc_Evaluate_Prints_The_Json_Keys()
    {
        string dir = Train("nb", "--likelihood", "nb", "--condition-encoder");
        var config = ModelFolder.ReadConfig(dir);
        Assert.Equal("cell_type", config.Data.LabelKey);       // defaults found in the metadata
        Assert.Equal("batch", config.Data.BatchKey);
        Assert.Equal(40, config.Data.HighlyVariableGenes);
        Assert.Equal(0, config.Data.ValidationSize);
        Assert.Equal(2, config.Model.Conditions);                // set from the data
        Assert.True(config.Model.ConditionEncoder);
        Assert.Equal(InputTransform.Log1p, config.Model.InputTransform);   // the count default
        Assert.Equal(40, config.Model.Input.Size);

        var r = CliRunner.Run("sc", "evaluate", dir, "--k", "4", "--json");
        Assert.True(r.ExitCode == 0, r.Error + r.Out);
        using var doc = JsonDocument.Parse(r.Out);
        Assert.Equal(["vae", "pca", "cells", "embedded_cells", "heldout_cells", "rare_type", "rare_heldout_cells", "k", "latent", "components", "genes", "label_key", "batch_key", "model_dir", "seconds"], doc.RootElement.EnumerateObject().Select(p => p.Name));
        var vae = doc.RootElement.GetProperty("vae");
        var pca = doc.RootElement.GetProperty("pca");
        foreach (var key in new[] { "ari", "nmi", "silhouette", "batch_mixing" })
        {
            Assert.InRange(vae.GetProperty(key).GetDouble(), -1, 1);
            Assert.InRange(pca.GetProperty(key).GetDouble(), -1, 1);
        }
        Assert.Equal(["ari", "nmi", "silhouette", "batch_mixing"], pca.EnumerateObject().Select(p => p.Name));
        Assert.True(vae.GetProperty("heldout_loglik").GetDouble() < 0);
        Assert.True(vae.GetProperty("heldout_loglik_rare").GetDouble() < 0);
        Assert.True(vae.GetProperty("heldout_loglik").GetDouble() >= vae.GetProperty("heldout_elbo").GetDouble() - 1.0, "log p(x) with K = 4 is not below the ELBO");
        Assert.Equal(40, doc.RootElement.GetProperty("heldout_cells").GetInt32());
        Assert.Equal("rare", doc.RootElement.GetProperty("rare_type").GetString());
        Assert.Equal(400, doc.RootElement.GetProperty("embedded_cells").GetInt32());

        // the held-out log-likelihood is the importance-sampled log p(x) of the test cells, as `vae eval` computes it
        var e = CliRunner.Run("eval", dir, "--k", "4", "--json");
        Assert.True(e.ExitCode == 0, e.Error + e.Out);
        using var ev = JsonDocument.Parse(e.Out);
        Assert.Equal(-ev.RootElement.GetProperty("nll").GetDouble(), vae.GetProperty("heldout_loglik").GetDouble(), 6);

        r = CliRunner.Run("sc", "evaluate", dir, "--k", "2", "--cells", "heldout", "--plots", tmp.File("plots"));
        Assert.True(r.ExitCode == 0, r.Error + r.Out);
        Assert.Contains("batch mixing", r.Out);
        foreach (var f in new[] { "vae-cell-type.png", "vae-batch.png", "pca-cell-type.png", "pca-batch.png" })
            Assert.True(File.Exists(Path.Combine(tmp.File("plots"), f)), f);
        r = CliRunner.Run("encode", dir, "--out", tmp.File("z.csv"));
        Assert.True(r.ExitCode == 0, r.Error + r.Out);
        Assert.Equal(41, File.ReadAllLines(tmp.File("z.csv")).Length);
    }

    [Fact]
    public void Sc_Export_Writes_Latents_Normalised_And_Batch_Corrected_Expression()
    {
        string dir = Train("zinb", "--likelihood", "zinb");
        string out1 = tmp.File("export");
        var r = CliRunner.Run("sc", "export", dir, "--out", out1, "--reference-batch", "batch_2");
        Assert.True(r.ExitCode == 0, r.Error + r.Out);
        var latent = File.ReadAllLines(Path.Combine(out1, "latent.csv"));
        Assert.Equal("barcode,split,cell_type,batch,mu_1,mu_2,mu_3,sigma_1,sigma_2,sigma_3", latent[0]);
        Assert.Equal(401, latent.Length);
        Assert.Equal(40, latent.Count(l => l.Contains(",test,")));
        var normalized = ReadGz(Path.Combine(out1, "normalized.csv.gz"));
        var corrected = ReadGz(Path.Combine(out1, "corrected.csv.gz"));
        Assert.Equal(401, normalized.Length);
        Assert.Equal(44, normalized[0].Split(',').Length);          // 4 annotation columns + 40 genes
        double[] Values(string line) => line.Split(',')[4..].Select(v => double.Parse(v, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        for (int i = 1; i <= 400; i++)
        {
            Assert.Equal(1.0, Values(normalized[i]).Sum(), 3);      // proportions over the genes
            Assert.Equal(1.0, Values(corrected[i]).Sum(), 3);
            bool inReference = normalized[i].Split(',')[3] == "batch_2";
            double diff = Values(normalized[i]).Zip(Values(corrected[i]), (a, b) => Math.Abs(a - b)).Max();
            if (inReference) Assert.True(diff < 1e-5, $"a cell of the reference batch is unchanged (row {i}: {diff})");
            else Assert.True(diff > 1e-6, $"a cell of the other batch is decoded differently (row {i})");
        }
        foreach (var f in new[] { "latent-cell-type.png", "latent-batch.png" }) Assert.True(File.Exists(Path.Combine(out1, f)), f);
        r = CliRunner.Run("sc", "export", dir, "--out", out1, "--reference-batch", "batch_9");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--reference-batch batch_9", r.Error);
    }

    [Fact]
    public void Report_Of_A_Count_Model_Shows_The_Single_Cell_Scores_And_The_Batch_Mixing_Plot()
    {
        string dir = Train("report", "--likelihood", "nb");
        var r = CliRunner.Run("report", dir, "--quick");
        Assert.True(r.ExitCode == 0, r.Error + r.Out);
        string html = System.Net.WebUtility.HtmlDecode(File.ReadAllText(Path.Combine(dir, "report.html")));
        Assert.Contains("Single-cell scores</h2>", html);
        Assert.Contains("<td>ARI</td>", html);
        Assert.Contains("batch mixing (by batch; 1 = fully mixed)", html);
        Assert.Contains("Latent means coloured by batch", html);
        Assert.Contains("log p(x), K = 20", html);
        Assert.DoesNotContain("Not shown:", html);
    }

    [Fact]
    public void Normalised_Expression_Is_The_Softmax_Of_The_Decoder_At_The_Posterior_Mean()
    {
        string dir = Train("poisson", "--likelihood", "poisson", "--batch-key", "none");
        using var loaded = ModelFolder.Load(dir, CPU);
        var cells = ModelCells.Load(loaded.Config);
        Assert.Equal(0, loaded.Model.Options.Conditions);
        Assert.Equal("batch", cells.BatchKey);                   // batches still score mixing
        var test = cells.Data.Test;
        var rho = CellExpression.Normalised(loaded.Model, test, CPU, batchSize: 7);
        using var noGrad = no_grad();
        var x = tensor(test.Features, [test.Count, test.Dimension]);
        var h = loaded.Model.EncodeRaw(x);
        var mu = h.narrow(1, 0, 3);                               // the first d raw outputs are μ
        var expected = loaded.Model.Decode(mu).softmax(-1).data<float>().ToArray();
        Assert.Equal(expected.Length, rho.Length);
        for (int i = 0; i < rho.Length; i++) Assert.Equal(expected[i], rho[i], 5);
        Assert.Throws<VaeException>(() => CellExpression.Normalised(loaded.Model, test, CPU, batch: 0));
    }

    [Fact]
    public void Sc_Tradeoff_Evaluates_Every_Beta_Of_A_Sweep()
    {
        string sweep = tmp.File("sweep");
        var r = CliRunner.Run("sweep", "--data", "10x:" + sim, "--metadata", Meta, "--hvg", "40", "--hidden", "16", "--latent", "2",
            "--epochs", "1", "--batch-size", "64", "--likelihood", "nb", "--beta", "0.5,2", "--out", sweep, "--json");
        Assert.True(r.ExitCode == 0, r.Error + r.Out);
        r = CliRunner.Run("sc", "tradeoff", sweep, "--k", "2", "--json");
        Assert.True(r.ExitCode == 0, r.Error + r.Out);
        using var doc = JsonDocument.Parse(r.Out);
        Assert.Equal(["reference_beta", "points"], doc.RootElement.EnumerateObject().Select(p => p.Name));
        var points = doc.RootElement.GetProperty("points").EnumerateArray().ToArray();
        Assert.Equal(["beta", "rate", "vae", "pca", "loglik_vs_reference", "loglik_vs_reference_se", "loglik_rare_vs_reference", "loglik_rare_vs_reference_se", "cells", "heldout_cells", "rare_type", "rare_heldout_cells", "k", "model_dir"], points[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal([0.5, 2.0], points.Select(p => p.GetProperty("beta").GetDouble()));
        Assert.All(points, p => Assert.True(p.GetProperty("vae").TryGetProperty("heldout_loglik_rare", out _)));
        Assert.All(points, p => Assert.True(p.GetProperty("rate").GetDouble() >= 0));
        foreach (var f in new[] { "tradeoff-scores.png", "tradeoff-loglik.png", "tradeoff.json" }) Assert.True(File.Exists(Path.Combine(sweep, f)), f);
    }

    [Fact]
    public void Count_Options_Are_Refused_For_Other_Data_And_Evaluate_Needs_Labels()
    {
        var r = CliRunner.Run("train", "--data", "csv:" + tmp.File("t.csv"), "--metadata", Meta, "--out", tmp.File("x"));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("count data", r.Error);
        string dir = Train("nolabels", "--likelihood", "nb", "--label-key", "none", "--batch-key", "none");
        r = CliRunner.Run("sc", "evaluate", dir, "--label-key", "none");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--label-key", r.Error);
        r = CliRunner.Run("sc", "evaluate", dir, "--k", "2", "--json");   // labels from the metadata's cell_type
        Assert.True(r.ExitCode == 0, r.Error + r.Out);
    }

    static string[] ReadGz(string path)
    {
        using var reader = new StreamReader(new GZipStream(File.OpenRead(path), CompressionMode.Decompress));
        return reader.ReadToEnd().TrimEnd('\n').Split('\n');
    }
}
