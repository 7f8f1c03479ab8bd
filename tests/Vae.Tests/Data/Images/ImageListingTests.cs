using Vae.Data.Images;

namespace Vae.Tests.Data.Images;

/// <summary>Which files an images: folder holds and their classes, against torchvision's ImageFolder (order.txt).</summary>
public class ImageListingTests
{
    [Fact]
    public void Classes_And_File_Order_Are_Torchvisions_ImageFolder()
    {
        string root = ImageFixtures.File("classes");
        var listing = ImageListing.Scan(root);
        Assert.Equal(["Coat", "ankle-boot", "bag"], listing.ClassNames);    // ordinal: upper case first, as Python's sorted
        Assert.Equal(ImageFixtures.Order(), listing.Train.Select(e => (Path.GetRelativePath(root, e.Path), e.Label)).ToList());
        Assert.Null(listing.Test);
        Assert.Equal(1, listing.IgnoredFiles);    // bag/notes.txt
    }

    [Fact]
    public void A_Folder_Without_Subfolders_Is_Unlabelled()
    {
        var listing = ImageListing.Scan(ImageFixtures.File("formats"));
        Assert.Null(listing.ClassNames);
        Assert.Equal(10, listing.Train.Count);
        Assert.All(listing.Train, e => Assert.Equal(-1, e.Label));
    }

    [Fact]
    public void Train_And_Test_Subfolders_Are_The_Splits_With_The_Training_Classes()
    {
        using var dir = new TempDir();
        string classes = ImageFixtures.Copy("classes", dir.Path);
        string root = Path.Combine(dir.Path, "split");
        Directory.CreateDirectory(root);
        Directory.Move(classes, Path.Combine(root, "train"));
        Directory.CreateDirectory(Path.Combine(root, "test", "bag"));
        File.Copy(ImageFixtures.File("classes", "bag", "img00.png"), Path.Combine(root, "test", "bag", "a.png"));
        var listing = ImageListing.Scan(root);
        Assert.Equal(24, listing.Train.Count);
        Assert.Equal([2], listing.Test!.Select(e => e.Label));    // "bag" is class 2 of train/, though test/ has one class

        Directory.CreateDirectory(Path.Combine(root, "test", "sock"));
        File.Copy(ImageFixtures.File("classes", "bag", "img00.png"), Path.Combine(root, "test", "sock", "a.png"));
        var e = Assert.Throws<VaeException>(() => ImageListing.Scan(root));
        Assert.Contains("class folder 'sock' has no counterpart in train/", e.Message);
    }

    [Fact]
    public void An_Empty_Folder_A_Folder_Of_Other_Files_And_An_Empty_Class_Are_Errors()
    {
        using var dir = new TempDir();
        Assert.Equal($"{dir.Path}: no images found (.png .jpg .jpeg .bmp .gif .webp).", Assert.Throws<VaeException>(() => ImageListing.Scan(dir.Path)).Message);
        File.WriteAllText(dir.File("readme.txt"), "x");
        Assert.Contains("no images found (.png .jpg .jpeg .bmp .gif .webp); 1 other file ignored", Assert.Throws<VaeException>(() => ImageListing.Scan(dir.Path)).Message);
        Directory.CreateDirectory(dir.File("cats"));
        Assert.StartsWith(dir.File("cats") + ": no images found", Assert.Throws<VaeException>(() => ImageListing.Scan(dir.Path)).Message);
        Assert.Contains("folder not found", Assert.Throws<VaeException>(() => ImageListing.Scan(dir.File("nowhere"))).Message);
    }

    [Fact]
    public void An_Image_Beside_Class_Folders_Is_An_Error_And_Hidden_Files_Are_Ignored()
    {
        using var dir = new TempDir();
        string root = ImageFixtures.Copy("classes", dir.Path);
        File.WriteAllText(Path.Combine(root, "bag", ".DS_Store"), "x");
        Directory.CreateDirectory(Path.Combine(root, ".thumbnails"));
        Assert.Equal(3, ImageListing.Scan(root).ClassNames!.Count);
        File.Copy(ImageFixtures.File("formats", "gray.png"), Path.Combine(root, "stray.png"));
        Assert.Contains("stray.png: an image beside the class folders", Assert.Throws<VaeException>(() => ImageListing.Scan(root)).Message);
    }
}
