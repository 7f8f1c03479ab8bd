using System.Text.Json;
using TorchSharp;
using Vae.Distributions;
using Vae.Export.Onnx;
using Vae.Models;
using Vae.Nn;
using Vae.Runs;
using Vae.Tests.Cli;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace Vae.Tests.Export;

/// <summary>An MLP and a convolutional VAE trained briefly through the command line, shared by the tests of the class.</summary>
public sealed class TrainedForExportFixture : IDisposable
{
    public TrainedForExportFixture()
    {
        string mnist = Fixtures.MnistFolder(Dir.Path, train: 256, test: 32);
        foreach (var (name, model) in new[] { ("mlp", "mlp"), ("conv", "conv") })
        {
            var r = CliRunner.Run("train", "--data", "mnist:" + mnist, "--model", model, "--out", Dir.File(name), "--epochs", "1",
                "--hidden", "32", "--latent", "4", "--val-size", "32", "--batch-size", "32");
            Assert.True(r.ExitCode == 0, r.Error + r.Out);
        }
    }

    public TempDir Dir { get; } = new();
    public string Model(string name) => Dir.File(name);
    public void Dispose() => Dir.Dispose();
}

public class OnnxExportTests(TrainedForExportFixture trained, ITestOutputHelper output) : IClassFixture<TrainedForExportFixture>, IDisposable
{
    private const double Tolerance = 1e-5;
    private readonly TempDir tmp = new();

    public void Dispose() => tmp.Dispose();

    static Tensor Inputs(int rows, int features, int seed = 0)
    {
        using var g = new Generator((ulong)seed);
        return rand([rows, features], generator: g);
    }

    [Theory]
    [InlineData("mlp")]
    [InlineData("conv")]
    public void Export_Of_A_Trained_Model_Runs_In_OnnxRuntime_As_TorchSharp_Runs_It(string name)
    {
        string outDir = tmp.File(name + "-onnx");
        var r = CliRunner.Run("export", trained.Model(name), "--format", "onnx", "--out", outDir);
        Assert.True(r.ExitCode == 0, r.Error + r.Out);
        Assert.Contains("encoder.onnx (x -> mu, logvar)", r.Out);
        Assert.Contains("decoder.onnx (z -> logits, probs)", r.Out);

        using var loaded = ModelFolder.Load(trained.Model(name), CPU);
        foreach (int rows in new[] { 1, 7 })   // the batch dimension is dynamic
        {
            double worst = OnnxRunner.CompareWithModel(loaded.Model, outDir, Inputs(rows, 784, rows));
            output.WriteLine($"{name}, {rows} rows: max |ONNX - TorchSharp| = {worst:E2}");
            Assert.True(worst <= Tolerance, $"{name}, {rows} rows: max |ONNX − TorchSharp| = {worst}");
        }
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "onnx.json")));
        Assert.Equal(name, manifest.RootElement.GetProperty("network").GetString());
        Assert.Equal("bernoulli", manifest.RootElement.GetProperty("likelihood").GetString());
        Assert.Equal(4, manifest.RootElement.GetProperty("latent").GetInt32());
        Assert.Equal("N", manifest.RootElement.GetProperty("encoder").GetProperty("inputs")[0].GetProperty("shape")[0].GetString());
    }

    public static TheoryData<string> Variants => [.. ExportVariants.Models.Keys];

    [Theory]
    [MemberData(nameof(Variants))]
    public void Every_Activation_Likelihood_And_Network_Exported_Matches_TorchSharp(string variant)
    {
        var options = ExportVariants.Models[variant];
        using var model = new VaeModel(options, seed: 3);
        string outDir = tmp.File(variant);
        var manifest = OnnxExport.Write(model, variant, outDir);
        Assert.Equal(model.IsVariational, manifest.Variational);
        var x = Inputs(5, options.Input.Size, seed: 1) * 2;   // some values above 1, so log1p and the activations see a range
        double worst = OnnxRunner.CompareWithModel(model, outDir, x);
        output.WriteLine($"{variant}: max |ONNX - TorchSharp| = {worst:E2}");
        Assert.True(worst <= Tolerance, $"{variant}: max |ONNX − TorchSharp| = {worst}");
    }

    [Fact]
    public void The_Graphs_Declare_Opset_17_And_A_Dynamic_Batch()
    {
        using var model = new VaeModel(TestModels.SmallMlp(), seed: 0);
        OnnxExport.Write(model, "m", tmp.File("g"));
        var proto = global::Onnx.ModelProto.Parser.ParseFrom(File.ReadAllBytes(tmp.File("g/encoder.onnx")));
        Assert.Equal(17, proto.OpsetImport.Single().Version);
        Assert.Equal(8, proto.IrVersion);
        Assert.Equal("N", proto.Graph.Input.Single().Type.TensorType.Shape.Dim[0].DimParam);
        Assert.Equal(["mu", "logvar"], proto.Graph.Output.Select(o => o.Name));
    }

    [Fact]
    public void The_Serving_Example_Encodes_And_Decodes_A_Row_As_The_Model_Does()
    {
        using var loaded = ModelFolder.Load(trained.Model("mlp"), CPU);
        string outDir = tmp.File("serve");
        OnnxExport.Write(loaded.Model, "mlp", outDir);
        var x = Inputs(1, 784, seed: 5);
        var (mu, logvar) = OnnxServingExample.OnnxServing.EncodeRow(Path.Combine(outDir, "encoder.onnx"), OnnxRunner.Values(x));
        using var evaluating = EvaluationMode.Enter(loaded.Model);
        var q = (DiagonalGaussian)loaded.Model.Encode(new Batch(x));
        Assert.True(OnnxRunner.MaxAbsDifference(OnnxRunner.Values(q.Mean), mu) <= Tolerance);
        Assert.True(OnnxRunner.MaxAbsDifference(OnnxRunner.Values(q.LogVariance!), logvar) <= Tolerance);
        var probs = OnnxServingExample.OnnxServing.DecodeRow(Path.Combine(outDir, "decoder.onnx"), mu, "probs");
        Assert.True(OnnxRunner.MaxAbsDifference(OnnxRunner.Values(loaded.Model.Reconstruct(new Batch(x))), probs) <= Tolerance);
    }
}
