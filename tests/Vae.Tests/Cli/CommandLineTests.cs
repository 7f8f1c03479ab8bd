using System.Text.Json;
using SkiaSharp;

namespace Vae.Tests.Cli;

/// <summary>One small model trained through the command line, shared by the tests of the class (they only read it).</summary>
public sealed class TrainedModelFixture : IDisposable
{
    public TrainedModelFixture()
    {
        Mnist = Fixtures.MnistFolder(Dir.Path, train: 256, test: 40);
        Model = Dir.File("model");
        var r = CliRunner.Run("train", "--data", "mnist:" + Mnist, "--out", Model, "--epochs", "2", "--hidden", "32", "--latent", "2", "--val-size", "32", "--batch-size", "32");
        Assert.True(r.ExitCode == 0, r.Error + r.Out);
    }

    public TempDir Dir { get; } = new();
    public string Mnist { get; }
    public string Model { get; }

    public void Dispose() => Dir.Dispose();
}

public class CommandLineTests(TrainedModelFixture fixture) : IClassFixture<TrainedModelFixture>, IDisposable
{
    private readonly TempDir tmp = new();
    private readonly string mnist = fixture.Mnist;
    private readonly string model = fixture.Model;

    public void Dispose() => tmp.Dispose();

    [Fact]
    public void Train_Writes_A_Complete_Model_Folder_With_Curves_And_A_Latent_Plot()
    {
        foreach (var f in new[] { "config.json", "model.dat", "optimizer.dat", "state.json", "metrics.jsonl", "environment.json", "curves.png", "latent.png" })
            Assert.True(File.Exists(Path.Combine(model, f)), f);
        Assert.Equal(2, File.ReadAllLines(Path.Combine(model, "metrics.jsonl")).Length);
    }

    [Fact]
    public void Eval_Json_Prints_The_Documented_Keys_With_Consistent_Values()
    {
        var r = CliRunner.Run("eval", model, "--k", "200", "--json");
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Out);
        var o = doc.RootElement;
        Assert.Equal(["elbo", "reconstruction", "kl", "nll", "k", "n"], o.EnumerateObject().Select(p => p.Name));
        Assert.Equal(200, o.GetProperty("k").GetInt32());
        Assert.Equal(40, o.GetProperty("n").GetInt32());
        double elbo = o.GetProperty("elbo").GetDouble(), rec = o.GetProperty("reconstruction").GetDouble(), kl = o.GetProperty("kl").GetDouble(), nll = o.GetProperty("nll").GetDouble();
        Assert.Equal(elbo, -rec - kl, 6);
        Assert.True(elbo < 0 && nll > 0);
        Assert.True(nll < -elbo + 1, $"NLL {nll} should not exceed -ELBO {-elbo} (beyond noise)");
    }

    [Fact]
    public void Eval_With_N_Limits_The_Test_Examples()
    {
        var r = CliRunner.Run("eval", model, "--k", "5", "--n", "7", "--json");
        Assert.Equal(7, JsonDocument.Parse(r.Out).RootElement.GetProperty("n").GetInt32());
    }

    [Fact]
    public void Sample_Reconstruct_And_Interpolate_Write_Pngs_Of_The_Expected_Size()
    {
        Assert.Equal(0, CliRunner.Run("sample", model, "--n", "16", "--columns", "4", "--out", tmp.File("s.png")).ExitCode);
        Assert.Equal(0, CliRunner.Run("reconstruct", model, "--n", "8", "--out", tmp.File("r.png")).ExitCode);
        Assert.Equal(0, CliRunner.Run("interpolate", model, "--from", "0", "--to", "3", "--steps", "5", "--out", tmp.File("i.png")).ExitCode);
        // 28×28 images at scale 2 with 2-pixel padding: cell 58 px; width = columns·58 + 2.
        Assert.Equal((4 * 58 + 2, 4 * 58 + 2), Size(tmp.File("s.png")));
        Assert.Equal((8 * 58 + 2, 2 * 58 + 2), Size(tmp.File("r.png")));
        Assert.Equal((7 * 58 + 2, 58 + 2), Size(tmp.File("i.png")));
    }

    [Fact]
    public void Encode_Writes_Mean_Sigma_And_Label_For_Every_Test_Example()
    {
        Assert.Equal(0, CliRunner.Run("encode", model, "--out", tmp.File("z.csv")).ExitCode);
        var lines = File.ReadAllLines(tmp.File("z.csv"));
        Assert.Equal("index,mu_1,mu_2,sigma_1,sigma_2,label", lines[0]);
        Assert.Equal(41, lines.Length);
        Assert.All(lines.Skip(1), l => Assert.True(double.Parse(l.Split(',')[3], System.Globalization.CultureInfo.InvariantCulture) > 0));
    }

    [Fact]
    public void Resume_Extends_A_Finished_Run()
    {
        string copy = tmp.File("copy");
        Directory.CreateDirectory(copy);
        foreach (var f in Directory.GetFiles(model)) File.Copy(f, Path.Combine(copy, Path.GetFileName(f)));
        var r = CliRunner.Run("train", "--resume", copy, "--epochs", "3");
        Assert.True(r.ExitCode == 0, r.Error);
        Assert.Equal(3, File.ReadAllLines(Path.Combine(copy, "metrics.jsonl")).Length);
        Assert.Equal(2, File.ReadAllLines(Path.Combine(model, "metrics.jsonl")).Length);
    }

    [Fact]
    public void Sweep_Trains_One_Model_Per_Beta_Reuses_Finished_Points_And_Rate_Falls_As_Beta_Rises()
    {
        string[] args = ["sweep", "--data", "mnist:" + mnist, "--beta", "0.1,8", "--epochs", "4", "--lr", "0.003", "--hidden", "32", "--latent", "4", "--val-size", "0", "--batch-size", "32", "--out", tmp.File("sweep"), "--json"];
        var first = CliRunner.Run(args);
        Assert.True(first.ExitCode == 0, first.Error);
        var points = JsonDocument.Parse(first.Out).RootElement.GetProperty("points").EnumerateArray().ToList();
        Assert.Equal(2, points.Count);
        Assert.Equal(["beta", "rate", "distortion", "elbo", "mse", "n", "model_dir"], points[0].EnumerateObject().Select(p => p.Name));
        Assert.True(points[0].GetProperty("rate").GetDouble() > 3 * points[1].GetProperty("rate").GetDouble(), first.Out);
        Assert.True(File.Exists(tmp.File("sweep/rate-distortion.png")));
        var stamp = File.GetLastWriteTimeUtc(tmp.File("sweep/beta-0.1/model.dat"));
        var second = CliRunner.Run(args);
        Assert.Equal(0, second.ExitCode);
        Assert.Equal(stamp, File.GetLastWriteTimeUtc(tmp.File("sweep/beta-0.1/model.dat")));
        Assert.Equal(first.Out, second.Out);
    }

    [Theory]
    [InlineData("--latent 0", "--latent 0: the latent dimension must be ≥ 1")]
    [InlineData("--batch-size 0", "--batch-size 0: must be ≥ 1")]
    [InlineData("--beta -1", "--beta -1: must be a finite number ≥ 0")]
    [InlineData("--lr 0", "--lr 0: must be a finite number > 0")]
    [InlineData("--likelihood poisson2", "--likelihood: unknown value 'poisson2'; valid values: bernoulli, gaussian,")]
    [InlineData("--model transformer", "--model: unknown model 'transformer'; valid models: mlp, conv, linear, ae, conv-ae")]
    [InlineData("--model conv --likelihood gaussian --data csv:TABLE", "the convolutional model needs images")]
    [InlineData("--data nowhere:x", "unknown data source 'nowhere:x'")]
    [InlineData("--data mnist:/nonexistent-folder", "/nonexistent-folder: folder not found")]
    public void Train_Rejects_Bad_Options_With_One_Clear_Line_And_Exit_Code_2(string options, string expected)
    {
        File.WriteAllText(tmp.File("table.csv"), "a,b,c\n1,2,3\n4,5,6\n7,8,9\n1,1,1\n2,2,2\n3,3,3\n4,4,4\n5,5,5\n6,6,6\n7,7,7\n8,8,8\n");
        var args = new List<string> { "train", "--out", tmp.File("bad"), "--data", "mnist:" + mnist, "--val-size", "0" };
        args.AddRange(options.Replace("TABLE", tmp.File("table.csv")).Split(' '));
        var r = CliRunner.Run(args.ToArray());
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(expected, r.Error);
        Assert.Single(r.Error.Trim().Split('\n'));
        Assert.DoesNotContain("   at ", r.Error);
        Assert.False(Directory.Exists(tmp.File("bad")), "no partial output");
    }

    [Theory]
    [InlineData("eval MODEL --k 0", "--k 0")]
    [InlineData("eval NOWHERE", "model folder not found")]
    [InlineData("sample MODEL --out x.jpg", "use a .png or .csv file name")]
    [InlineData("interpolate MODEL --from 0 --to 999", "--to 999: the test split has examples 0 to 39")]
    [InlineData("train --out MODEL --data mnist:MNIST", "already holds a model")]
    [InlineData("eval MODEL --device cuda", "no CUDA device")]
    [InlineData("demo --epochs 0 --out NOWHERE", "--epochs 0: must be ≥ 1.")]
    [InlineData("demo --k 0 --out NOWHERE", "--k 0: must be ≥ 1.")]
    public void Other_Verbs_Reject_Bad_Input_With_Exit_Code_2(string command, string expected)
    {
        var args = command.Replace("MODEL", model).Replace("NOWHERE", tmp.File("none")).Replace("MNIST", mnist).Split(' ');
        var r = CliRunner.Run(args);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(expected, r.Error);
    }

    [Fact]
    public void Help_Describes_Every_Verb()
    {
        Assert.Equal(0, CliRunner.Run("--help").ExitCode);
        foreach (var verb in new[] { "demo", "train", "eval", "sample", "reconstruct", "interpolate", "encode", "plot", "diagnose", "fa", "gap", "sweep", "fid", "gradient-variance", "prune" })
        {
            var r = CliRunner.Run(verb, "--help");
            Assert.True(r.ExitCode == 0, $"{verb} --help: {r.Error}");
        }
    }

    static (int, int) Size(string png)
    {
        using var bitmap = SKBitmap.Decode(png);
        return (bitmap.Width, bitmap.Height);
    }
}
