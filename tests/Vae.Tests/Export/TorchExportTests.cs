using System.Text.Json;
using TorchSharp;
using Vae.Distributions;
using Vae.Export.Torch;
using Vae.Models;
using Vae.Nn;
using Vae.Runs;
using Vae.Tests.Cli;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace Vae.Tests.Export;

/// <summary>
/// `vae export --format safetensors|pt` and `vae import` without Python: the way out and back gives the same parameters
/// and the same encoder and decoder outputs. (PyTorch's side: <see cref="PyTorchReferenceTests"/>, and
/// `bench/run torch-export`, docs/results/export.md.)
/// </summary>
public class TorchExportTests(TrainedForExportFixture trained, ITestOutputHelper output) : IClassFixture<TrainedForExportFixture>, IDisposable
{
    private readonly TempDir tmp = new();

    public void Dispose() => tmp.Dispose();

    static Tensor Inputs(int rows, int features, int seed = 0)
    {
        using var g = new Generator((ulong)seed);
        return rand([rows, features], generator: g);
    }

    [Theory]
    [InlineData("mlp", "safetensors")]
    [InlineData("mlp", "pt")]
    [InlineData("conv", "safetensors")]
    [InlineData("conv", "pt")]
    public void Export_Then_Import_Gives_The_Same_Parameters_And_Outputs_And_A_Folder_Every_Verb_Reads(string name, string format)
    {
        string outDir = tmp.File($"{name}-{format}"), back = tmp.File($"{name}-{format}-back");
        var r = CliRunner.Run("export", trained.Model(name), "--format", format, "--out", outDir);
        Assert.True(r.ExitCode == 0, r.Error + r.Out);
        string weights = format == "pt" ? "model.pt" : "model.safetensors";
        Assert.Contains($"{weights} ({(name == "mlp" ? 8 : 16)} tensors)", r.Out);
        Assert.Equal(["config.json", weights, "vae_model.py"], Directory.GetFiles(outDir).Select(Path.GetFileName).Order());

        var i = CliRunner.Run("import", outDir, "--out", back);
        Assert.True(i.ExitCode == 0, i.Error + i.Out);
        Assert.Contains(format == "pt" ? "(torch.save, " : "(safetensors, ", i.Out);

        using var original = ModelFolder.Load(trained.Model(name), CPU);
        using var imported = ModelFolder.Load(back, CPU);
        AssertSameParameters(original.Model, imported.Model);
        using var x = Inputs(7, 784, seed: 3);
        AssertSameOutputs(original.Model, imported.Model, x);
        Assert.Equal(JsonSerializer.Serialize(original.Config, Vae.IO.Json.Strict), JsonSerializer.Serialize(imported.Config, Vae.IO.Json.Strict));

        var eval = CliRunner.Run("eval", back, "--k", "2", "--n", "16");
        Assert.True(eval.ExitCode == 0, eval.Error + eval.Out);
        var sample = CliRunner.Run("sample", back, "--n", "4", "--out", tmp.File($"{name}-{format}.png"));
        Assert.True(sample.ExitCode == 0, sample.Error + sample.Out);
    }

    public static TheoryData<string, string> Variants => new()
    {
        { "mlp-leaky-relu-gaussian-per-feature", "safetensors" }, { "mlp-elu-gaussian-fixed", "pt" }, { "mlp-gelu-gaussian-learned", "safetensors" },
        { "mlp-silu-gaussian-optimal", "pt" }, { "mlp-softplus-log1p", "safetensors" }, { "ae-mlp", "pt" }, { "linear-gaussian-per-feature", "safetensors" },
        { "conv-3x32x32-elu-gaussian", "pt" }, { "conv-ae", "safetensors" },
    };

    [Theory]
    [MemberData(nameof(Variants))]
    public void Every_Activation_Likelihood_And_Network_Goes_Out_And_Back_Unchanged(string variant, string format)
    {
        var options = ExportVariants.Models[variant];
        var config = new RunConfig { Model = options };
        using var model = new VaeModel(options, seed: 3);
        using (no_grad())   // the likelihood's own parameters away from their initial values, so a lost one shows
            foreach (var (key, t) in model.state_dict().Where(kv => kv.Key.StartsWith("likelihood.", StringComparison.Ordinal)))
                t.add_(0.25);
        string outDir = tmp.File(variant), back = tmp.File(variant + "-back");
        var written = TorchExport.Write(config, model, variant, outDir, format == "pt" ? TorchFormat.Pt : TorchFormat.Safetensors);
        Assert.Equal(model.state_dict().Keys, written.StateDict.Keys);
        var result = TorchImport.Import(outDir, null, back);
        Assert.Equal(model.state_dict().Count, result.Tensors);

        using var imported = ModelFolder.Load(back, CPU);
        AssertSameParameters(model, imported.Model);
        using var x = Inputs(5, options.Input.Size, seed: 1) * 2;
        AssertSameOutputs(model, imported.Model, x);
        if (model.Likelihood is GaussianLikelihood) AssertDecodedLogVarianceIsTheLikelihoods(model, x);
        output.WriteLine($"{variant} ({format}): {result.Tensors} tensors, {result.Values} values, identical");
    }

    [Fact]
    public void The_Config_Describes_The_Model_Its_State_Dict_And_Its_Run()
    {
        string outDir = tmp.File("described");
        Assert.Equal(0, CliRunner.Run("export", trained.Model("conv"), "--format", "safetensors", "--out", outDir).ExitCode);
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "config.json")));
        var root = doc.RootElement;
        Assert.Equal("vae-pytorch", root.GetProperty("format").GetString());
        Assert.Equal("model.safetensors", root.GetProperty("weights").GetString());
        Assert.Equal("conv", root.GetProperty("network").GetString());
        Assert.Equal([1, 28, 28], root.GetProperty("input_shape").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal(4, root.GetProperty("latent").GetInt32());
        Assert.Equal("bernoulli", root.GetProperty("likelihood").GetString());
        Assert.Equal("x [N, 784] -> mu, logvar [N, 4]", root.GetProperty("encode").GetString());
        using var loaded = ModelFolder.Load(trained.Model("conv"), CPU);
        var state = root.GetProperty("state_dict");
        foreach (var (key, t) in loaded.Model.state_dict())
        {
            Assert.Equal("F32", state.GetProperty(key).GetProperty("dtype").GetString());
            Assert.Equal(t.shape, state.GetProperty(key).GetProperty("shape").EnumerateArray().Select(e => e.GetInt64()));
        }
        Assert.Equal(loaded.Model.state_dict().Count, state.EnumerateObject().Count());
        var run = ModelFolder.ParseConfig(System.Text.Json.Nodes.JsonNode.Parse(root.GetProperty("run_config").GetRawText()), "run_config");
        Assert.Equal(JsonSerializer.Serialize(loaded.Config, Vae.IO.Json.Strict), JsonSerializer.Serialize(run, Vae.IO.Json.Strict));

        string py = File.ReadAllText(Path.Combine(outDir, "vae_model.py"));
        foreach (string part in new[] { "class Encoder(nn.Module):", "class Decoder(nn.Module):", "class VAE(nn.Module):", "def load(directory=None, weights=None):",
            "def encode(self, x):", "def decode(self, z):", "self.convs = nn.Sequential(", "nn.Conv2d(1, 32, kernel_size=(4, 4), stride=(2, 2), padding=(1, 1))",
            "grid=(64, 7, 7)", "self.head = nn.Linear(32, 8)", "x.view(-1, 1, 28, 28)", "WEIGHTS = \"model.safetensors\"" })
            Assert.Contains(part, py);
        Assert.DoesNotContain("import safetensors", py);
        Assert.DoesNotContain("numpy", py);
    }

    [Fact]
    public void A_Second_Export_Replaces_The_Folder_At_Once_And_A_Refused_One_Leaves_It_As_It_Was()
    {
        string outDir = tmp.File("again");
        Assert.Equal(0, CliRunner.Run("export", trained.Model("mlp"), "--format", "safetensors", "--out", outDir).ExitCode);
        Assert.Equal(0, CliRunner.Run("export", trained.Model("mlp"), "--format", "pt", "--out", outDir).ExitCode);
        // config.json names the weights of the latest export; the other format's file is kept, as the ONNX files would be
        Assert.Contains("\"weights\": \"model.pt\"", File.ReadAllText(Path.Combine(outDir, "config.json")));
        Assert.True(File.Exists(Path.Combine(outDir, "model.safetensors")));
        Assert.Equal(TorchFormat.Pt, TorchImport.Import(outDir, null, tmp.File("again-back")).Format);

        var before = Directory.GetFiles(outDir).ToDictionary(f => f, File.ReadAllBytes);
        using var refused = new VaeModel(TestModels.SmallMlp() with { Posterior = PosteriorKind.FullCovariance }, seed: 0);
        var e = Assert.Throws<VaeException>(() => TorchExport.Write(new RunConfig { Model = refused.Options }, refused, "runs/full", outDir, TorchFormat.Pt));
        Assert.Contains("runs/full: cannot export to PyTorch: the full-covariance posterior", e.Message);
        Assert.Equal(before.Keys.Order(), Directory.GetFiles(outDir).Order());
        foreach (var (file, bytes) in before) Assert.Equal(bytes, File.ReadAllBytes(file));
        Assert.DoesNotContain(Directory.GetFileSystemEntries(tmp.Path), p => Path.GetFileName(p).StartsWith('.'));   // no staging folder left
    }

    internal static void AssertSameParameters(VaeModel expected, VaeModel actual)
    {
        var a = expected.state_dict();
        var b = actual.state_dict();
        Assert.Equal(a.Keys, b.Keys);
        foreach (var (key, t) in a)
            Assert.True(t.cpu().equal(b[key].cpu()).all().item<bool>(), $"{key} differs after the round trip");
    }

    static void AssertSameOutputs(VaeModel expected, VaeModel actual, Tensor x)
    {
        var a = ExportedOutputs.Compute(expected, x);
        var b = ExportedOutputs.Compute(actual, x);
        Assert.Equal(a.Keys, b.Keys);
        foreach (var (name, values) in a) Assert.Equal(values, b[name]);
    }

    // decode.logvar (what vae_model.py's decode returns beside the mean) is the likelihood's: log p(x|z) from it is the model's.
    static void AssertDecodedLogVarianceIsTheLikelihoods(VaeModel model, Tensor x)
    {
        var outputs = ExportedOutputs.Compute(model, x);
        using var evaluating = EvaluationMode.Enter(model);
        var batch = new Batch(x);
        var expected = OnnxRunner.Values(model.LogLikelihood(batch, model.Encode(batch).Mean));
        var xs = OnnxRunner.Values(x);
        int d = model.Options.Input.Size;
        for (int i = 0; i < expected.Length; i++)
        {
            double logp = 0;
            for (int j = 0; j < d; j++)
            {
                double m = outputs["decode.mean"][i * d + j], lv = outputs["decode.logvar"][i * d + j], r = xs[i * d + j] - m;
                logp += -0.5 * (Math.Log(2 * Math.PI) + lv + r * r * Math.Exp(-lv));
            }
            Assert.True(Math.Abs(logp - expected[i]) <= 1e-4 * (1 + Math.Abs(expected[i])), $"row {i}: log p(x|z) {logp} from decode's outputs, {expected[i]} from the model");
        }
    }
}
