using Vae.Distributions;
using Vae.Export.Onnx;
using Vae.Export.Torch;
using Vae.Models;
using Vae.Nn;
using Vae.Runs;
using Vae.Tests.Cli;

namespace Vae.Tests.Export;

/// <summary>
/// Models the exports cannot express are refused in one line naming the part, and nothing is written: the same rules
/// (<see cref="Vae.Export.ExportSupport"/>) for ONNX and for PyTorch.
/// </summary>
public class ExportRefusalTests : IDisposable
{
    private readonly TempDir tmp = new();

    public void Dispose() => tmp.Dispose();

    static readonly ModelOptions Image = new() { Input = DataShape.Image(1, 8, 8), Latent = 2, Network = new MlpNetwork { Hidden = [8] } };

    static readonly Dictionary<string, (ModelOptions Options, string Part)> Refused = new()
    {
        ["pixel-cnn"] = (Image with { PixelCnn = new PixelCnnOptions { Features = 4, Layers = 1 } }, "the PixelCNN decoder"),
        ["vamp-prior"] = (Image with { Prior = new VampPriorOptions { Components = 3 } }, "the learned prior VampPrior"),
        ["planar-flow"] = (Image with { PosteriorExtension = new PlanarFlowOptions { Steps = 2 } }, "the posterior extension PlanarFlow"),
        ["hierarchical"] = (Image with { PosteriorExtension = new HierarchicalOptions() }, "the posterior extension Hierarchical"),
        ["full-covariance"] = (Image with { Posterior = PosteriorKind.FullCovariance }, "the full-covariance posterior"),
        ["negative-binomial"] = (Image with { Likelihood = LikelihoodKind.NegativeBinomial }, "the NegativeBinomial likelihood"),
        ["sequence"] = (ModelOptions.SmilesGru with { Input = DataShape.Vector(6), Classes = 5, Latent = 2 }, "the sequence network"),
        ["z-injection"] = (Image with { Network = new MlpNetwork { Hidden = [8], ZInjection = ZInjection.Film } }, "z injection Film"),
        ["conditions"] = (Image with { Conditions = 2 }, "the 2 conditions c"),
        ["shortcut"] = (Image with { Shortcut = Shortcut.FirstHalf }, "the shortcut"),
    };

    public static TheoryData<string, string> Cases
    {
        get
        {
            var cases = new TheoryData<string, string>();
            foreach (string name in Refused.Keys)
                foreach (string format in new[] { "onnx", "safetensors", "pt" }) cases.Add(name, format);
            return cases;
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_Model_The_Export_Cannot_Express_Is_Refused_In_One_Line_And_Nothing_Is_Written(string name, string format)
    {
        var (options, part) = Refused[name];
        using var model = new VaeModel(options, seed: 0);
        string outDir = tmp.File(name);
        var e = Assert.Throws<VaeException>(() =>
        {
            if (format == "onnx") OnnxExport.Write(model, "runs/" + name, outDir);
            else TorchExport.Write(new RunConfig { Model = options }, model, "runs/" + name, outDir, format == "pt" ? TorchFormat.Pt : TorchFormat.Safetensors);
        });
        Assert.Contains($"runs/{name}: cannot export to {(format == "onnx" ? "ONNX" : "PyTorch")}: {part}", e.Message);
        Assert.DoesNotContain('\n', e.Message);
        Assert.False(Directory.Exists(outDir));
        Assert.Empty(Directory.GetFileSystemEntries(tmp.Path));   // no staging folder left either
    }

    [Fact]
    public void The_Command_Refuses_An_Unsupported_Model_And_An_Unknown_Format_With_Exit_Code_2()
    {
        string data = Fixtures.MnistFolder(tmp.Path, train: 64, test: 16);
        string model = tmp.File("full");
        var trained = CliRunner.Run("train", "--data", "mnist:" + data, "--posterior", "full-covariance", "--out", model, "--epochs", "1",
            "--hidden", "8", "--latent", "2", "--val-size", "16", "--batch-size", "32");
        Assert.True(trained.ExitCode == 0, trained.Error + trained.Out);

        foreach (var (format, name) in new[] { ("onnx", "ONNX"), ("safetensors", "PyTorch"), ("pt", "PyTorch") })
        {
            var r = CliRunner.Run("export", model, "--format", format, "--out", tmp.File("out"));
            Assert.Equal(2, r.ExitCode);
            Assert.Contains($"cannot export to {name}: the full-covariance posterior", r.Error);
            Assert.Single(r.Error.Trim().Split('\n'));
            Assert.False(Directory.Exists(tmp.File("out")));
        }

        var unknown = CliRunner.Run("export", model, "--format", "tflite", "--out", tmp.File("out"));
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("--format tflite: use onnx, safetensors or pt", unknown.Error);
        var missing = CliRunner.Run("export", tmp.File("no-such-model"), "--format", "onnx", "--out", tmp.File("out"));
        Assert.Equal(2, missing.ExitCode);
        Assert.False(Directory.Exists(tmp.File("out")));
    }
}
