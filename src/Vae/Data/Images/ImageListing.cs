namespace Vae.Data.Images;

/// <summary>One image file and its class (−1 when the folder is unlabelled).</summary>
public sealed record ImageEntry(string Path, int Label);

/// <summary>
/// The images of an <c>images:&lt;dir&gt;</c> folder, found as torchvision's <c>ImageFolder</c> finds them: each
/// subfolder is a class (classes sorted by name, ordinal), its images found recursively (folders in the order
/// of sorted(os.walk), names sorted); a folder without subfolders is unlabelled. When the folder has
/// <c>train/</c> and <c>test/</c> subfolders, each is such a folder and they are the two splits (<see cref="Test"/>);
/// otherwise <see cref="Test"/> is null and a test split is held out. Names starting with '.' are ignored, as
/// are files that are not images; an image format this reader cannot decode (TIFF, PPM, …) is listed so that
/// decoding rejects it (or skips it with <see cref="ImageOptions.SkipBad"/>).
/// </summary>
public sealed record ImageListing(string Root, IReadOnlyList<string>? ClassNames, IReadOnlyList<ImageEntry> Train, IReadOnlyList<ImageEntry>? Test, int IgnoredFiles)
{
    /// <summary>The formats decoded (SkiaSharp): PNG, JPEG, BMP, GIF (first frame), WebP.</summary>
    public static readonly IReadOnlyList<string> Extensions = [".png", ".jpg", ".jpeg", ".bmp", ".gif", ".webp"];

    /// <summary>Image formats that are recognised by name but not decoded: an error, or skipped and counted.</summary>
    public static readonly IReadOnlyList<string> UnsupportedExtensions = [".tif", ".tiff", ".ppm", ".pgm", ".pbm", ".pnm", ".heic", ".heif", ".avif", ".jxl", ".svg"];

    public static string SupportedList => string.Join(" ", Extensions);

    public static ImageListing Scan(string root)
    {
        if (File.Exists(root)) throw new VaeException($"{root}: is a file; images: takes a folder of images.");
        if (!Directory.Exists(root)) throw new VaeException($"{root}: folder not found.");
        var subfolders = Folders(root);
        if (subfolders.Contains("train") && subfolders.Contains("test"))
        {
            var (classes, train, ignoredTrain) = ScanSplit(Path.Combine(root, "train"));
            var (testClasses, test, ignoredTest) = ScanSplit(Path.Combine(root, "test"));
            if ((classes is null) != (testClasses is null))
                throw new VaeException($"{root}: train/ is {(classes is null ? "unlabelled (no class folders)" : "in class folders")} but test/ is {(testClasses is null ? "unlabelled" : "in class folders")}; give both the same layout.");
            if (classes is not null)
            {
                var unknown = testClasses!.Except(classes, StringComparer.Ordinal).ToList();
                if (unknown.Count > 0) throw new VaeException($"{Path.Combine(root, "test")}: class folder '{unknown[0]}' has no counterpart in train/ (classes: {string.Join(", ", classes)}).");
                test = test.Select(e => e with { Label = IndexOf(classes, testClasses![e.Label]) }).ToList();
            }
            return new ImageListing(root, classes, train, test, ignoredTrain + ignoredTest);
        }
        var (names, entries, ignored) = ScanSplit(root);
        return new ImageListing(root, names, entries, null, ignored);
    }

    static int IndexOf(IReadOnlyList<string> names, string name)
    {
        for (int i = 0; i < names.Count; i++) if (names[i] == name) return i;
        return -1;
    }

    // One split: class folders (labelled) or the folder's own files (unlabelled).
    static (IReadOnlyList<string>? Classes, List<ImageEntry> Entries, int Ignored) ScanSplit(string dir)
    {
        var classes = Folders(dir);
        var entries = new List<ImageEntry>();
        int ignored = 0;
        var ownImages = Files(dir).Where(f => IsImageName(f)).ToList();
        if (classes.Count == 0)
        {
            foreach (var f in Files(dir)) if (IsImageName(f)) entries.Add(new ImageEntry(Path.Combine(dir, f), -1)); else ignored++;
            if (entries.Count == 0) throw NoImages(dir, ignored);
            return (null, entries, ignored);
        }
        if (ownImages.Count > 0)
            throw new VaeException($"{Path.Combine(dir, ownImages[0])}: an image beside the class folders ({string.Join(", ", classes.Take(3))}{(classes.Count > 3 ? ", …" : "")}); move it into a class folder, or give a folder without subfolders for unlabelled images.");
        for (int label = 0; label < classes.Count; label++)
        {
            int before = entries.Count, ignoredBefore = ignored;
            foreach (var folder in Walk(Path.Combine(dir, classes[label]), depth: 0))
                foreach (var f in Files(folder))
                    if (IsImageName(f)) entries.Add(new ImageEntry(Path.Combine(folder, f), label)); else ignored++;
            if (entries.Count == before) throw NoImages(Path.Combine(dir, classes[label]), ignored - ignoredBefore);
        }
        return (classes, entries, ignored);
    }

    static VaeException NoImages(string dir, int others) =>
        new($"{dir}: no images found ({SupportedList}){(others > 0 ? $"; {others} other file{(others == 1 ? "" : "s")} ignored" : "")}.");

    static bool IsImageName(string name)
    {
        string ext = Path.GetExtension(name);
        return Extensions.Contains(ext, StringComparer.OrdinalIgnoreCase) || UnsupportedExtensions.Contains(ext, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>A folder and every folder below it, in the order of Python's sorted(os.walk(dir)): paths compared ordinally.</summary>
    static IEnumerable<string> Walk(string dir, int depth)
    {
        if (depth > 64) throw new VaeException($"{dir}: folders nested more than 64 deep (a symbolic-link loop?).");
        var all = new List<string> { dir };
        foreach (var sub in Folders(dir)) all.AddRange(Walk(Path.Combine(dir, sub), depth + 1));
        all.Sort(StringComparer.Ordinal);
        return all;
    }

    static List<string> Folders(string dir) => Names(dir, Directory.EnumerateDirectories);

    static List<string> Files(string dir) => Names(dir, Directory.EnumerateFiles);

    static List<string> Names(string dir, Func<string, IEnumerable<string>> list)
    {
        try
        {
            var names = list(dir).Select(Path.GetFileName).OfType<string>().Where(n => !n.StartsWith('.')).ToList();
            names.Sort(StringComparer.Ordinal);
            return names;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new VaeException($"{dir}: cannot list the folder ({e.Message.TrimEnd('.')}).", e);
        }
    }
}
