using Vae.Tests.Cli;

namespace Vae.Tests.Data.Images;

/// <summary>`vae train`, `eval` and `convert` on an image folder, in memory.</summary>
public class ImageCliTests
{
    [Fact]
    public void A_Conv_Vae_Trains_One_Epoch_On_The_Fixture_Folder_And_Evaluates_From_Its_Cache()
    {
        using var dir = new TempDir();
        string data = "images:" + ImageFixtures.File("classes"), model = dir.File("model");
        var train = CliRunner.Run("train", "--data", data, "--image-channels", "1", "--image-cache", dir.File("cache"), "--model", "conv",
            "--latent", "4", "--epochs", "1", "--val-size", "4", "--batch-size", "8", "--out", model);
        Assert.True(train.ExitCode == 0, train.Error + train.Out);
        Assert.Contains($"{data}: 22 training and 2 test images (3 classes) as 1×28×28; decoded in", train.Out);
        var config = File.ReadAllText(Path.Combine(model, "config.json"));
        Assert.Contains("\"channels\": 1", config);
        var eval = CliRunner.Run("eval", model, "--k", "2", "--json");
        Assert.True(eval.ExitCode == 0, eval.Error);
        Assert.Contains("\"n\":2", eval.Out.Replace(" ", ""));
        Assert.Single(Directory.GetDirectories(dir.File("cache")));    // evaluation read the same cache
    }

    [Fact]
    public void Skipped_Images_Are_Counted_And_The_First_Named()
    {
        using var dir = new TempDir();
        string root = ImageFixtures.Copy("classes", dir.Path);
        File.WriteAllText(Path.Combine(root, "bag", "img03.png"), "not a png");
        var args = new[] { "train", "--data", "images:" + root, "--image-cache", dir.File("cache"), "--image-size", "8", "--hidden", "8", "--latent", "2",
            "--epochs", "1", "--val-size", "0", "--out", dir.File("m") };
        var failed = CliRunner.Run(args);
        Assert.Equal(2, failed.ExitCode);
        Assert.Contains("img03.png: not an image this reader can decode", failed.Error);
        Assert.False(Directory.Exists(dir.File("m")));
        var skipped = CliRunner.Run([.. args, "--skip-bad-images"]);
        Assert.True(skipped.ExitCode == 0, skipped.Error);
        Assert.Contains($"Skipped 1 image that could not be decoded (first: {Path.Combine(root, "bag", "img03.png")}: not an image this reader can decode", skipped.Out);
    }

    [Fact]
    public void Convert_Writes_Shards_That_Train_By_Streaming()
    {
        using var dir = new TempDir();
        string shards = dir.File("shards");
        var convert = CliRunner.Run("convert", "--data", "images:" + ImageFixtures.File("classes"), "--image-channels", "1", "--out", shards, "--shard-rows", "8");
        Assert.True(convert.ExitCode == 0, convert.Error);
        Assert.Contains($"train with --data shards:{shards}", convert.Out);
        var train = CliRunner.Run("train", "--data", "shards:" + shards, "--hidden", "8", "--latent", "2", "--epochs", "1", "--val-size", "2", "--out", dir.File("m"));
        Assert.True(train.ExitCode == 0, train.Error);
        var wrong = CliRunner.Run("convert", "--data", "mnist:/nowhere", "--image-size", "28", "--out", dir.File("x"));
        Assert.Equal(2, wrong.ExitCode);
        Assert.Contains("are for image folders (--data images:<dir>)", wrong.Error);
    }
}
