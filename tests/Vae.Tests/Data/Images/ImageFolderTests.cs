using Vae.Data;
using Vae.Data.Images;
using Vae.Data.Shards;

namespace Vae.Tests.Data.Images;

/// <summary>The images: data source end to end: splits, shapes, the cache, errors and skipping, conversion to shards.</summary>
public class ImageFolderTests
{
    static DataOptions Options(string root, string cache, ImageOptions? images = null) =>
        new() { Source = "images:" + root, Images = (images ?? ImageOptions.Default) with { Cache = cache } };

    [Fact]
    public void A_Labelled_Folder_Loads_With_A_Held_Out_Test_Split_And_The_Decoded_Pixels()
    {
        using var dir = new TempDir();
        string root = ImageFixtures.File("classes");
        var (train, test) = DataSources.LoadRaw(Options(root, dir.Path, new ImageOptions { Channels = 1 }));
        Assert.Equal((22, 2), (train.Count, test.Count));    // round(24 × 0.1) = 2 held out
        Assert.Equal(DataShape.Image(1, 28, 28), train.Shape);
        Assert.Equal(["Coat", "ankle-boot", "bag"], train.ClassNames);
        // Row i of the cache is files-train.txt's line i: check a few against the decoder and the listing's labels.
        var cache = Directory.GetDirectories(dir.Path).Single();
        var files = File.ReadAllLines(Path.Combine(cache, "files-train.txt"));
        var order = ImageFixtures.Order().ToDictionary(o => o.Path, o => o.Label);
        for (int i = 0; i < train.Count; i++)
        {
            Assert.Equal(order[files[i]], train.Labels![i]);
            var expected = ImageTransform.Planes(ImageDecoder.Decode(Path.Combine(root, files[i])), 1).Select(b => b / 255f);
            Assert.Equal(expected, train.Row(i).ToArray());
        }
    }

    [Fact]
    public void Channels_Default_To_Gray_Only_When_Every_Image_Is_Stored_Gray()
    {
        using var dir = new TempDir();
        string gray = Path.Combine(dir.Path, "gray");
        Directory.CreateDirectory(gray);
        foreach (var f in new[] { "gray.png", "gray.jpg" }) File.Copy(ImageFixtures.File("formats", f), Path.Combine(gray, f));
        File.Copy(ImageFixtures.File("formats", "gray.png"), Path.Combine(gray, "again.png"));
        Assert.Equal(1, DataSources.LoadRaw(Options(gray, dir.File("c1"))).Train.Shape.Channels);
        Assert.Equal(3, DataSources.LoadRaw(Options(ImageFixtures.File("formats"), dir.File("c2"))).Train.Shape.Channels);
    }

    [Fact]
    public void The_Cache_Is_Reused_Until_A_File_Or_An_Option_Changes()
    {
        using var dir = new TempDir();
        string root = ImageFixtures.Copy("formats", dir.Path);
        var options = Options(root, dir.File("cache"));
        Assert.False(ImageFolder.Prepare(options).Reused);
        var again = ImageFolder.Prepare(options);
        Assert.True(again.Reused);
        File.SetLastWriteTimeUtc(Path.Combine(root, "rgb.png"), DateTime.UtcNow.AddMinutes(-5));
        var touched = ImageFolder.Prepare(options);
        Assert.False(touched.Reused);
        Assert.NotEqual(again.Directory, touched.Directory);
        Assert.False(ImageFolder.Prepare(options with { Images = options.Images! with { Channels = 1 } }).Reused);
        Assert.True(ImageFolder.Prepare(options).Reused);
    }

    [Fact]
    public void Mixed_Sizes_Need_An_Image_Size_Which_Resizes_Every_Image()
    {
        using var dir = new TempDir();
        string root = ImageFixtures.Copy("formats", dir.Path);
        File.Copy(ImageFixtures.File("resize", "wide.png"), Path.Combine(root, "wide.png"));
        var e = Assert.Throws<VaeException>(() => DataSources.LoadRaw(Options(root, dir.File("c"))));
        Assert.Equal($"{Path.Combine(root, "wide.png")}: 13×9 pixels, but the first image (gray.jpg) is 6×5; give --image-size N to resize every image to N×N.", e.Message);
        var (train, test) = DataSources.LoadRaw(Options(root, dir.File("c"), new ImageOptions { Size = 4 }));
        Assert.Equal(DataShape.Image(3, 4, 4), train.Shape);
        Assert.Equal(11, train.Count + test.Count);
    }

    [Fact]
    public void A_Corrupt_Image_Stops_Loading_With_Its_Name_Or_Is_Skipped_And_Counted()
    {
        using var dir = new TempDir();
        string root = ImageFixtures.Copy("classes", dir.Path);
        string bad = Path.Combine(root, "bag", "img02.png");
        File.WriteAllBytes(bad, File.ReadAllBytes(bad)[..50]);
        File.WriteAllBytes(Path.Combine(root, "Coat", "scan.tif"), [0x49, 0x49, 0x2a, 0]);
        var e = Assert.Throws<VaeException>(() => DataSources.LoadRaw(Options(root, dir.File("c"))));
        Assert.StartsWith(Path.Combine(root, "Coat", "scan.tif") + ": .tif images are not supported", e.Message);
        Assert.EndsWith("; convert them; pass --skip-bad-images to leave such files out.", e.Message);

        var prepared = ImageFolder.Prepare(Options(root, dir.File("c"), new ImageOptions { SkipBad = true }));
        Assert.Equal(2, prepared.Info.Skipped);
        Assert.Equal(23, prepared.Info.TrainImages + prepared.Info.TestImages);    // 24 images and scan.tif listed, 2 skipped
        Assert.Contains(prepared.Info.FirstSkipped, s => s.Path == bad && s.Reason.StartsWith("the image data is truncated", StringComparison.Ordinal));
    }

    [Fact]
    public void Converting_Streams_The_Same_Rows_Into_Shards()
    {
        using var dir = new TempDir();
        string root = ImageFixtures.File("classes");
        var options = Options(root, dir.File("cache"), new ImageOptions { Channels = 1, Size = 16 });
        var (train, test) = DataSources.LoadRaw(options);
        var info = ImageFolder.Convert(options, dir.File("shards"), shardRows: 5);
        Assert.Equal((train.Count, test.Count), (info.TrainImages, info.TestImages));
        var shards = ShardedDataset.Open(Path.Combine(dir.File("shards"), "train"));
        Assert.Equal(5, shards.ShardCount);    // 22 rows in shards of 5
        var streamed = shards.Materialize(0, (int)shards.Count, "s");
        Assert.Equal(train.Features, streamed.Features);
        Assert.Equal(train.Labels, streamed.Labels);
        var (sTrain, sTest) = DataSources.LoadRaw(new DataOptions { Source = "shards:" + dir.File("shards") });
        Assert.Equal(test.Features, sTest.Features);
    }
}
