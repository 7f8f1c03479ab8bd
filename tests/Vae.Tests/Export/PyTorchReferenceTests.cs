using System.Text.Json;
using Vae.Export.Torch;
using Vae.Runs;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace Vae.Tests.Export;

/// <summary>
/// Against files real PyTorch wrote (Fixtures/make.sh, once, with Debian's python3-torch 1.13): two tiny exported models
/// (an MLP with a learned Gaussian σ, a convolutional Bernoulli one) given PyTorch's own weights, saved by torch.save
/// (model.pt) and as safetensors written from Python (header padded, with __metadata__), and the outputs PyTorch
/// computed with the generated vae_model.py (expected.json). Importing either file reproduces them to 1e-5.
/// </summary>
public class PyTorchReferenceTests(ITestOutputHelper output) : IDisposable
{
    private const double Tolerance = 1e-5;
    private readonly TempDir tmp = new();

    public void Dispose() => tmp.Dispose();

    static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Export", "Fixtures", name);

    [Theory]
    [InlineData("torch-mlp", "model.pt")]
    [InlineData("torch-mlp", "model.safetensors")]
    [InlineData("torch-conv", "model.pt")]
    [InlineData("torch-conv", "model.safetensors")]
    public void Importing_A_State_Dict_PyTorch_Saved_Reproduces_PyTorchs_Outputs(string fixture, string file)
    {
        string back = tmp.File($"{fixture}-{file}");
        var result = TorchImport.Import(Path.Combine(Fixture(fixture), file), Fixture(fixture), back);
        Assert.Equal(file.EndsWith(".pt") ? TorchFormat.Pt : TorchFormat.Safetensors, result.Format);
        using var loaded = ModelFolder.Load(back, CPU);

        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(Fixture(fixture), "expected.json")));
        var rows = doc.RootElement.GetProperty("x").EnumerateArray().Select(r => r.EnumerateArray().Select(v => v.GetSingle()).ToArray()).ToArray();
        using var x = tensor(rows.SelectMany(r => r).ToArray(), [rows.Length, rows[0].Length]);
        var ours = ExportedOutputs.Compute(loaded.Model, x);
        var expected = doc.RootElement.GetProperty("outputs");
        Assert.Equal(expected.EnumerateObject().Select(p => p.Name), ours.Keys);
        double worst = 0;
        foreach (var p in expected.EnumerateObject())
        {
            var values = p.Value.EnumerateArray().SelectMany(r => r.EnumerateArray().Select(v => v.GetSingle())).ToArray();
            double diff = OnnxRunner.MaxAbsDifference(values, ours[p.Name]);
            output.WriteLine($"{fixture}/{file} {p.Name}: max |TorchSharp - PyTorch {doc.RootElement.GetProperty("torch").GetString()}| = {diff:E2}");
            worst = Math.Max(worst, diff);
        }
        Assert.True(worst <= Tolerance, $"{fixture}/{file}: max |TorchSharp − PyTorch| = {worst}");
    }

    [Fact]
    public void The_Folder_As_Exported_Imports_The_Weights_Its_Config_Names()
    {
        var result = TorchImport.Import(Fixture("torch-mlp"), null, tmp.File("folder"));
        Assert.Equal(TorchFormat.Pt, result.Format);   // config.json names model.pt
        Assert.Equal(13, result.Tensors);   // 2 encoder and 3 decoder linear layers, the head (weight and bias each), the likelihood's rho
    }
}
