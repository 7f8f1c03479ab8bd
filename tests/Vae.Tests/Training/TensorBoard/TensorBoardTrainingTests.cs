using System.Text.Json;
using SkiaSharp;
using Vae.Runs;
using Vae.Tests.Cli;
using Vae.Training.TensorBoard;
using static Vae.Tests.Training.TensorBoard.EventFileReader;

namespace Vae.Tests.Training.TensorBoard;

/// <summary>`vae train --tensorboard`: 2 epochs, then a resume to 3, read back with the tests' own reader.</summary>
public class TensorBoardTrainingTests : IDisposable
{
    private readonly TempDir tmp = new();

    public void Dispose() => tmp.Dispose();

    // metrics.jsonl key -> tag: written independently of EpochScalars, so a renamed tag or a dropped value fails here
    static readonly Dictionary<string, string> Tags = new()
    {
        ["epoch"] = "progress/epoch", ["train_loss"] = "train/loss", ["train_elbo"] = "train/elbo", ["train_reconstruction"] = "train/reconstruction",
        ["train_kl"] = "train/kl", ["val_elbo"] = "val/elbo", ["val_reconstruction"] = "val/reconstruction", ["val_kl"] = "val/kl",
        ["learning_rate"] = "optimizer/learning_rate", ["kl_weight"] = "optimizer/kl_weight", ["skipped_steps"] = "progress/skipped_steps",
        ["samples_per_second"] = "speed/samples_per_second", ["seconds"] = "speed/epoch_seconds",
    };

    string[] Train(string mnist, string model, params string[] more) =>
        ["train", "--data", "mnist:" + mnist, "--out", model, "--hidden", "32", "--latent", "3", "--val-size", "48", "--batch-size", "64", .. more];

    [Fact]
    public void Two_Epochs_Then_A_Resume_Write_The_Metrics_Diagnostics_Histograms_And_Images()
    {
        string mnist = Fixtures.MnistFolder(tmp.Path, train: 256, test: 16), model = tmp.File("model"), tb = tmp.File("tb");
        var r = CliRunner.Run(Train(mnist, model, "--epochs", "2", "--tensorboard", tb, "--tensorboard-examples", "40"));
        Assert.True(r.ExitCode == 0, r.Error + r.Out);
        var first = Assert.Single(Directory.GetFiles(tb));
        r = CliRunner.Run("train", "--resume", model, "--epochs", "3", "--tensorboard", tb, "--tensorboard-examples", "40");
        Assert.True(r.ExitCode == 0, r.Error + r.Out);
        var files = Directory.GetFiles(tb).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(2, files.Length);
        Assert.Equal(first, files[0]);   // resume appends a new file, after the first in name order

        var metrics = File.ReadAllLines(Path.Combine(model, ModelFolder.MetricsFile)).Select(l => JsonDocument.Parse(l).RootElement).ToArray();
        Assert.Equal(3, metrics.Length);
        long[] steps = metrics.Select(m => m.GetProperty("step").GetInt64()).ToArray();
        var perFile = files.Select(Read).ToArray();
        // steps go on across the files: the second starts after the first's last step, with a session start
        Assert.Equal(1, perFile[0][1].SessionStatus);
        Assert.Equal(1L, perFile[0][1].Step);
        Assert.Equal(steps[1] + 1, perFile[1][1].Step);
        Assert.Equal(steps[..2], perFile[0].Where(e => e.Values.Count > 0).Select(e => e.Step).Distinct());
        Assert.Equal(steps[2..], perFile[1].Where(e => e.Values.Count > 0).Select(e => e.Step).Distinct());

        var values = perFile.SelectMany(events => events).SelectMany(e => e.Values.Select(v => (e.Step, v))).ToList();
        var scalars = values.Where(p => p.v.Simple is not null).ToDictionary(p => (p.v.Tag, p.Step), p => p.v.Simple!.Value);   // throws on a repeated (tag, step)
        foreach (var m in metrics)
        {
            long step = m.GetProperty("step").GetInt64();
            foreach (var (key, tag) in Tags) Assert.Equal((float)m.GetProperty(key).GetDouble(), scalars[(tag, step)]);
            // the per-dimension KL and active units of LatentDiagnostics, on the validation subset
            var kl = Enumerable.Range(1, 3).Select(j => scalars[($"kl_per_dim/z0{j}", step)]).ToArray();
            Assert.All(kl, k => Assert.True(k >= 0));
            Assert.Equal(kl.Count(k => k > 0.05), scalars[("latent/active_units", step)]);
            Assert.InRange(scalars[("latent/mutual_information", step)], -0.5, Math.Log(40) + 1e-3);
        }

        int parameters;
        using (var saved = ModelFolder.Load(model, TorchSharp.torch.CPU))
        {
            var numel = saved.Model.named_parameters().ToDictionary(p => p.name, p => (double)p.parameter.numel());
            parameters = numel.Count;
            foreach (var (step, v) in values.Where(p => p.v.Tag.StartsWith("parameters/")))
                Assert.Equal(numel[v.Tag["parameters/".Length..]], v.Histo!.Num);
        }
        var histograms = values.Where(p => p.v.Histo is not null).ToList();
        Assert.Equal(3 * (parameters + 3), histograms.Count);   // every parameter and μ of each of the 3 dimensions, each epoch
        foreach (var (_, v) in histograms)
        {
            var h = v.Histo!;
            Assert.Equal(h.Num, h.Buckets.Sum());
            Assert.Equal(h.Limits.Count, h.Buckets.Count);
            Assert.True(h.Limits.SequenceEqual(h.Limits.Order()), v.Tag);
            Assert.Equal((h.Min, h.Max), (h.Limits[0], h.Limits[^1]));
        }
        Assert.All(histograms.Where(p => p.v.Tag.StartsWith("mu/")), p => Assert.Equal(40, p.v.Histo!.Num));

        var images = values.Where(p => p.v.Image is not null).ToList();
        Assert.Equal(6, images.Count);   // samples and reconstructions, each epoch
        foreach (var (_, v) in images)
        {
            using var bitmap = SKBitmap.Decode(v.Image!.Encoded);
            Assert.NotNull(bitmap);
            Assert.Equal((bitmap.Width, bitmap.Height), (v.Image.Width, v.Image.Height));
        }
        // 8 columns of 28×28 images drawn at scale 2 with 2-pixel padding: 8 samples rows, and 16 inputs above their reconstructions
        Assert.Equal((8 * 58 + 2, 8 * 58 + 2), images.Where(p => p.v.Tag == "images/samples").Select(p => (p.v.Image!.Width, p.v.Image.Height)).First());
        Assert.Equal((8 * 58 + 2, 4 * 58 + 2), images.Where(p => p.v.Tag == "images/reconstructions").Select(p => (p.v.Image!.Width, p.v.Image.Height)).First());
    }

    [Fact]
    public void Logging_Does_Not_Change_The_Run()
    {
        string mnist = Fixtures.MnistFolder(tmp.Path, train: 192, test: 16);
        string with = tmp.File("with"), without = tmp.File("without");
        Assert.Equal(0, CliRunner.Run(Train(mnist, with, "--epochs", "2", "--tensorboard", tmp.File("tb"))).ExitCode);
        Assert.Equal(0, CliRunner.Run(Train(mnist, without, "--epochs", "2")).ExitCode);
        var a = ModelFolder.ReadMetrics(with);
        var b = ModelFolder.ReadMetrics(without);
        Assert.Equal(b.Select(m => (m.TrainLoss, m.TrainKl, m.ValElbo)), a.Select(m => (m.TrainLoss, m.TrainKl, m.ValElbo)));
    }

    [Fact]
    public void Without_A_Validation_Split_The_Scalars_Parameters_And_Samples_Are_Written()
    {
        string mnist = Fixtures.MnistFolder(tmp.Path, train: 128, test: 16), tb = tmp.File("tb");
        var r = CliRunner.Run(["train", "--data", "mnist:" + mnist, "--out", tmp.File("m"), "--hidden", "16", "--latent", "2", "--val-size", "0", "--epochs", "1", "--tensorboard", tb]);
        Assert.True(r.ExitCode == 0, r.Error + r.Out);
        Assert.Contains("TensorBoard: no validation split", r.Error);
        var tags = Read(Assert.Single(Directory.GetFiles(tb))).SelectMany(e => e.Values).Select(v => v.Tag).ToHashSet();
        Assert.Contains("train/loss", tags);
        Assert.Contains("images/samples", tags);
        Assert.DoesNotContain("images/reconstructions", tags);
        Assert.DoesNotContain("val/elbo", tags);
        Assert.DoesNotContain(tags, t => t.StartsWith("kl_per_dim/"));
    }

    [Fact]
    public void Dimension_Tags_Sort_In_Order() =>
        Assert.Equal(["z01", "z10", "z100", "z001"], new[] { TensorBoardObserver.Dim(0, 20), TensorBoardObserver.Dim(9, 20), TensorBoardObserver.Dim(99, 100), TensorBoardObserver.Dim(0, 100) });
}
