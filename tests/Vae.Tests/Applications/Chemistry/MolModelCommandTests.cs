using System.Text.Json;
using Vae.Tests.Cli;

namespace Vae.Tests.Applications.Chemistry;

/// <summary>A tiny SMILES VAE with a TPSA head, trained through the command line on 60 short molecules of the RDKit fixture; the tests only read it.</summary>
public sealed class SmilesModelFixture : IDisposable
{
    public SmilesModelFixture()
    {
        Molecules = Dir.File("molecules.smi");
        File.WriteAllLines(Molecules, ChemistryFixtures.Table("tpsa_rdkit.tsv").Select(r => r[0]).Where(s => s.Length <= 24).Take(60));
        Model = Dir.File("model");
        using var threads = new OneTorchThread();
        var r = CliRunner.Run("train", "--data", "smiles:" + Molecules, "--model", "smiles", "--out", Model, "--epochs", "2", "--latent", "4",
            "--embedding", "8", "--gru-hidden", "16", "--channels", "8", "--hidden", "16", "--val-size", "6", "--batch-size", "16",
            "--max-tokens", "30", "--property", "tpsa", "--property-hidden", "8", "--word-dropout", "0.2", "--kl-schedule", "linear", "--kl-warmup", "1");
        Assert.True(r.ExitCode == 0, r.Error + r.Out);
    }

    public TempDir Dir { get; } = new();
    public string Molecules { get; }
    public string Model { get; }

    public void Dispose() => Dir.Dispose();
}

[Collection(ProcessWide.Name)]
public class MolModelCommandTests(SmilesModelFixture fixture) : IClassFixture<SmilesModelFixture>
{
    static JsonElement Json(CliRunner.Result r)
    {
        Assert.True(r.ExitCode == 0, r.Error + r.Out);
        return JsonDocument.Parse(r.Out).RootElement;
    }

    static CliRunner.Result Run(params string[] args)
    {
        using var threads = new OneTorchThread();
        return CliRunner.Run(args);
    }

    [Fact]
    public void Report_Of_A_Smiles_Model_Shows_Validity_Reconstruction_And_Example_Molecules()
    {
        string page = Path.Combine(fixture.Dir.Path, "smiles-report.html");
        var r = Run("report", fixture.Model, "--quick", "--out", page);
        Assert.True(r.ExitCode == 0, r.Error + r.Out);
        string html = System.Net.WebUtility.HtmlDecode(File.ReadAllText(page));
        Assert.Contains("<h2 id=\"s7\">Molecules</h2>", html);                // after the model's own sections (no image sections)
        Assert.Contains("validity of prior samples", html);
        Assert.Contains("exact-match reconstruction", html);
        Assert.Contains("<th>held-out molecule</th><th>decoded</th>", html);
        Assert.DoesNotContain("Not shown:", html);
    }

    [Fact]
    public void Training_Writes_A_Self_Contained_Model_Folder_With_The_Vocabulary_In_Its_Config()
    {
        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(fixture.Model, "config.json")));
        var data = config.RootElement.GetProperty("data");
        var tokens = data.GetProperty("vocabulary").EnumerateArray().Select(t => t.GetString()).ToList();
        Assert.Equal(["<pad>", "<start>", "<end>", "<unk>"], tokens.Take(4));
        Assert.Equal(tokens.Count, config.RootElement.GetProperty("model").GetProperty("classes").GetInt32());
        Assert.Equal("sequence", config.RootElement.GetProperty("model").GetProperty("network").GetProperty("kind").GetString());
        Assert.Equal(["tpsa"], data.GetProperty("targets").EnumerateArray().Select(t => t.GetString()));
    }

    [Fact]
    public void Sample_Json_Prints_Validity_Uniqueness_And_Novelty_And_Writes_The_Smiles()
    {
        string output = Path.Combine(fixture.Dir.Path, "samples.smi");
        var o = Json(Run("mol", "sample", fixture.Model, "--n", "25", "--out", output, "--json"));
        Assert.Equal(["validity", "uniqueness", "novelty", "generated", "valid", "unique", "novel", "decoding", "samples"], o.EnumerateObject().Select(p => p.Name));
        foreach (var key in new[] { "validity", "uniqueness", "novelty" })
            Assert.InRange(o.GetProperty(key).GetDouble(), 0, 1);
        Assert.Equal(25, o.GetProperty("generated").GetInt32());
        Assert.Equal(o.GetProperty("valid").GetInt32() / 25.0, o.GetProperty("validity").GetDouble(), 9);
        Assert.Equal(25, File.ReadAllLines(output).Length);
    }

    [Fact]
    public void Reconstruct_Json_Reports_Exact_Match_Accuracy_On_The_Held_Out_Molecules()
    {
        var o = Json(Run("mol", "reconstruct", fixture.Model, "--json"));
        Assert.Equal(["reconstruction_accuracy", "same_molecule", "token_accuracy", "n", "exact", "same", "left_out", "data"], o.EnumerateObject().Select(p => p.Name));
        Assert.Equal(6, o.GetProperty("n").GetInt32());
        Assert.InRange(o.GetProperty("reconstruction_accuracy").GetDouble(), 0, 1);
        Assert.True(o.GetProperty("same_molecule").GetDouble() >= o.GetProperty("reconstruction_accuracy").GetDouble());
        var other = Json(Run("mol", "reconstruct", fixture.Model, "--data", "smiles:" + fixture.Molecules, "--n", "10", "--json"));
        Assert.Equal(10, other.GetProperty("n").GetInt32());
    }

    [Fact]
    public void Predict_Json_Reports_The_Heads_Held_Out_Error_Beside_The_Mean_Baseline()
    {
        var o = Json(Run("mol", "predict", fixture.Model, "--json"));
        Assert.Equal(["property", "n", "mae", "rmse", "r2", "baseline_mae"], o.EnumerateObject().Select(p => p.Name));
        Assert.Equal("tpsa", o.GetProperty("property").GetString());
        Assert.Equal(6, o.GetProperty("n").GetInt32());
        Assert.True(o.GetProperty("rmse").GetDouble() >= o.GetProperty("mae").GetDouble());
        Assert.True(o.GetProperty("baseline_mae").GetDouble() > 0);
    }

    [Fact]
    public void Optimize_Decodes_Along_The_Paths_And_Writes_Every_Point()
    {
        string path = Path.Combine(fixture.Dir.Path, "path.tsv");
        var o = Json(Run("mol", "optimize", fixture.Model, "--property", "tpsa", "--direction", "up", "--steps", "4", "--every", "2", "--start", "3", "--out", path, "--json"));
        Assert.Equal(3, o.GetProperty("start_molecules").GetInt32());
        Assert.Equal(["property", "direction", "start_molecules", "steps_taken", "start_mean", "final_valid", "mean_change", "mean_change_from_step0", "improved_fraction", "new_molecules", "steps", "path"], o.EnumerateObject().Select(p => p.Name));
        var steps = o.GetProperty("steps").EnumerateArray().ToList();
        Assert.Equal(["step", "predicted_mean", "valid", "measured_mean", "distinct"], steps[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal([0, 2, 4], steps.Select(s => s.GetProperty("step").GetInt32()));
        // the head's prediction rises along an ascent
        Assert.True(steps[2].GetProperty("predicted_mean").GetDouble() > steps[0].GetProperty("predicted_mean").GetDouble());
        Assert.Equal(1 + 3 * 3, File.ReadAllLines(path).Length);
        var down = Json(Run("mol", "optimize", fixture.Model, "--direction", "down", "--steps", "2", "--start", "2", "--out", path, "--json"));
        var d = down.GetProperty("steps").EnumerateArray().ToList();
        Assert.True(d[^1].GetProperty("predicted_mean").GetDouble() < d[0].GetProperty("predicted_mean").GetDouble());
    }

    [Fact]
    public void Plot_Writes_The_Latent_Space_Coloured_By_Tpsa()
    {
        string png = Path.Combine(fixture.Dir.Path, "latent.png");
        var r = Run("mol", "plot", fixture.Model, "--split", "train", "--out", png);
        Assert.True(r.ExitCode == 0, r.Error);
        Assert.True(new FileInfo(png).Length > 1000);
        var direction = Run("mol", "plot", fixture.Model, "--split", "train", "--projection", "tpsa", "--out", png);
        Assert.True(direction.ExitCode == 0, direction.Error);
    }

    [Fact]
    public void Diagnose_Measures_Active_Units_And_Mutual_Information_Of_A_Smiles_Model()
    {
        var o = Json(Run("diagnose", fixture.Model, "--plot", Path.Combine(fixture.Dir.Path, "kl.png"), "--json"));
        Assert.Equal(4, o.GetProperty("kl_per_dim").GetArrayLength());
        Assert.True(o.GetProperty("mutual_information").GetDouble() >= -0.1);
    }

    [Fact]
    public void Mol_Verbs_Explain_An_Unknown_Property_And_A_Wrong_Direction()
    {
        var r = Run("mol", "optimize", fixture.Model, "--property", "logp");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("tpsa", r.Error);
        r = Run("mol", "optimize", fixture.Model, "--direction", "sideways");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("up or down", r.Error);
    }

    [Fact]
    public void A_Smiles_Model_Needs_Token_Data()
    {
        string csv = Path.Combine(fixture.Dir.Path, "t.csv");
        File.WriteAllText(csv, "a,b\n" + string.Concat(Enumerable.Range(0, 20).Select(i => $"{i},{i % 3}\n")));
        var r = Run("train", "--data", "csv:" + csv, "--model", "smiles", "--out", Path.Combine(fixture.Dir.Path, "bad"), "--val-size", "2");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("token data", r.Error);
    }
}
