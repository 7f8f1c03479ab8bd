using System.Text.Json;
using SkiaSharp;
using Vae.Tests.Cli;

namespace Vae.Tests.Applications.Disentanglement;

public class DisentanglementCommandTests : IDisposable
{
    static readonly string[] Keys = ["beta_vae", "factor_vae", "mig", "dci_disentanglement", "dci_completeness", "dci_informativeness", "sap", "modularity"];
    readonly TempDir tmp = new();

    public void Dispose() => tmp.Dispose();

    [Fact]
    public void Dsprites_Writes_A_Folder_That_Disentangle_Scores_With_The_True_Factors()
    {
        string data = tmp.File("ds");
        var r = CliRunner.Run("dsprites", "--out", data, "--subset", "50", "--test", "10", "--seed", "2");
        Assert.True(r.ExitCode == 0, r.Error + r.Out);
        Assert.True(File.Exists(Path.Combine(data, "factors.csv")));
        Assert.Equal(2, CliRunner.Run("dsprites", "--out", data, "--subset", "50").ExitCode);   // not empty, no --overwrite

        r = CliRunner.Run("disentangle", "--codes", "factors", "--data", data, "--scale", "0.02", "--json");
        Assert.True(r.ExitCode == 0, r.Error + r.Out);
        var o = JsonDocument.Parse(r.Out).RootElement;
        Assert.Equal(Keys, o.EnumerateObject().Select(p => p.Name));
        Assert.Equal(1.0, o.GetProperty("factor_vae").GetDouble());
        Assert.InRange(o.GetProperty("dci_disentanglement").GetDouble(), 0.9, 1.0);   // 200 samples: tied splits in tiny nodes land on other codes
    }

    [Fact]
    public void Disentangle_Scores_A_Trained_Conv_Vae_And_Draws_Its_Traversal()
    {
        string data = tmp.File("ds"), model = tmp.File("model"), png = tmp.File("traversal.png");
        Assert.Equal(0, CliRunner.Run("dsprites", "--out", data, "--subset", "64", "--test", "16").ExitCode);
        var r = CliRunner.Run("train", "--data", "mnist:" + data, "--model", "conv", "--binarize", "none", "--latent", "3",
            "--channels", "4,4,4,4", "--hidden", "16", "--epochs", "1", "--val-size", "0", "--batch-size", "32", "--out", model);
        Assert.True(r.ExitCode == 0, r.Error + r.Out);
        r = CliRunner.Run("disentangle", model, "--metrics", "mig,modularity,factor-vae", "--scale", "0.01", "--json", "--traversal", png, "--traversal-steps", "5");
        Assert.True(r.ExitCode == 0, r.Error + r.Out);
        var o = JsonDocument.Parse(r.Out).RootElement;
        Assert.Equal(JsonValueKind.Null, o.GetProperty("beta_vae").ValueKind);
        Assert.InRange(o.GetProperty("mig").GetDouble(), 0, 1);
        Assert.InRange(o.GetProperty("modularity").GetDouble(), 0, 1);
        using var bitmap = SKBitmap.Decode(png);
        Assert.Equal((5 * 130 + 2, 3 * 130 + 2), (bitmap.Width, bitmap.Height));   // 3 rows of 5 images, 64 px at scale 2 + padding

        Assert.Equal(2, CliRunner.Run("disentangle", model, "--data", "shaded", "--scale", "0.01").ExitCode);   // 3×64×64 images for a 1×64×64 model
        Assert.Equal(2, CliRunner.Run("disentangle", model, "--codes", "factors").ExitCode);
    }
}
