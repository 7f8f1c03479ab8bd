using System.Globalization;

namespace Vae.Tests.Data.Images;

/// <summary>The PIL-written image fixtures (Fixtures/make_fixtures.py) and the values PIL decoded from them.</summary>
public static class ImageFixtures
{
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "Data", "Images", "Fixtures");

    public static string File(params string[] parts) => Path.Combine([Folder, .. parts]);

    /// <summary>pixels.txt: PIL's convert("L") / convert("RGB") bytes of each file in formats/, C × H × W.</summary>
    public static IReadOnlyList<(string File, int Channels, int Height, int Width, byte[] Values)> Pixels() =>
        Lines("pixels.txt").Select(f => (f[0], f[1] == "L" ? 1 : 3, int.Parse(f[2], CultureInfo.InvariantCulture), int.Parse(f[3], CultureInfo.InvariantCulture),
            f[4..].Select(v => byte.Parse(v, CultureInfo.InvariantCulture)).ToArray())).ToList();

    /// <summary>resized.txt: PIL's resize-then-crop of each file in resize/ to N × N on float images, C × N × N.</summary>
    public static IReadOnlyList<(string File, int Channels, int Size, float[] Values)> Resized() =>
        Lines("resized.txt").Select(f => (f[0], f[1] == "L" ? 1 : 3, int.Parse(f[2], CultureInfo.InvariantCulture),
            f[3..].Select(v => float.Parse(v, CultureInfo.InvariantCulture)).ToArray())).ToList();

    /// <summary>order.txt: torchvision ImageFolder's (relative path, class index) order of classes/.</summary>
    public static IReadOnlyList<(string Path, int Label)> Order() =>
        Lines("order.txt").Select(f => (f[0], int.Parse(f[1], CultureInfo.InvariantCulture))).ToList();

    static IEnumerable<string[]> Lines(string name) =>
        System.IO.File.ReadAllLines(File(name)).Where(l => l.Length > 0).Select(l => l.Split(' '));

    /// <summary>A copy of a fixture folder (e.g. "classes") in <paramref name="root"/>, to damage or extend.</summary>
    public static string Copy(string name, string root)
    {
        string source = File(name), target = Path.Combine(root, name);
        foreach (var f in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            string to = Path.Combine(target, Path.GetRelativePath(source, f));
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            System.IO.File.Copy(f, to);
        }
        return target;
    }
}
