using System.Globalization;
using System.IO.Compression;
using Vae.Data.Tables;

namespace Vae.Data.NumPy;

/// <summary>
/// Reads a data set from NumPy files: <c>file.npy</c> (one array) or <c>file.npz[:array]</c> (an archive of
/// arrays, as np.savez and np.savez_compressed write them). Features are N×D (vectors), N×H×W (one-channel
/// images) or N×C×H×W (images with C channels); images keep their shape. Labels: in an archive, the
/// array named by <c>--label-column</c>, else the first of y, Y, labels, label (arr_1 beside arr_0);
/// for an N×D matrix, <c>--label-column k</c> takes column k out as the labels.
/// </summary>
public static class NumPyReader
{
    static readonly string[] FeatureNames = ["x", "X", "features", "data", "images", "arr_0"];
    static readonly string[] LabelNames = ["y", "Y", "labels", "label"];

    /// <summary>Reads <paramref name="spec"/>: a .npy path, or a .npz path with an optional <c>:array</c>.</summary>
    public static Dataset Read(string spec, string? labelColumn)
    {
        var (path, array) = Split(spec);
        if (!File.Exists(path)) throw new VaeException($"{path}: file not found.");
        try
        {
            return IsZip(path) ? ReadArchive(path, array, labelColumn) : array is not null
                ? throw new VaeException($"{path}: ':{array}' names an array, but the file is a single .npy array, not an .npz archive.")
                : ReadSingle(path, labelColumn);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or NotSupportedException or ArgumentException)
        {
            throw new VaeException($"{path}: not a readable NumPy file ({e.Message.Split('\n')[0].TrimEnd('.')}).", e);
        }
    }

    static (string Path, string? Array) Split(string spec)
    {
        if (File.Exists(spec)) return (spec, null);
        int colon = Math.Max(spec.LastIndexOf(".npz:", StringComparison.OrdinalIgnoreCase), spec.LastIndexOf(".npy:", StringComparison.OrdinalIgnoreCase));
        return colon >= 0 ? (spec[..(colon + 4)], spec[(colon + 5)..]) : (spec, null);
    }

    static bool IsZip(string path)
    {
        using var f = File.OpenRead(path);
        Span<byte> magic = stackalloc byte[4];
        return f.ReadAtLeast(magic, 4, throwOnEndOfStream: false) == 4 && magic[0] == 'P' && magic[1] == 'K';
    }

    static Dataset ReadSingle(string path, string? labelColumn)
    {
        using var f = File.OpenRead(path);
        var x = NpyArray.Open(f, f.Length, path);
        var shape = FeatureShape(x);
        var values = x.ReadFloats();
        if (string.IsNullOrEmpty(labelColumn)) return new Dataset(Path.GetFileNameWithoutExtension(path), values, shape);
        return TakeLabelColumn(path, values, shape, labelColumn, []);
    }

    static Dataset ReadArchive(string path, string? array, string? labelColumn)
    {
        using var zip = ZipFile.OpenRead(path);
        var entries = new Dictionary<string, ZipArchiveEntry>(StringComparer.Ordinal);
        foreach (var e in zip.Entries)
            if (e.FullName.EndsWith(".npy", StringComparison.Ordinal)) entries.TryAdd(e.FullName[..^4], e);
        string list = entries.Count == 0 ? "none" : string.Join(", ", entries.Keys.Take(20)) + (entries.Count > 20 ? ", …" : "");
        if (entries.Count == 0) throw new VaeException($"{path}: the archive holds no .npy arrays.");
        string featureName = array is not null
            ? entries.ContainsKey(array) ? array : throw new VaeException($"{path}: no array '{array}' in the archive (arrays: {list}).")
            : entries.Count == 1 ? entries.Keys.Single()
            : FeatureNames.FirstOrDefault(entries.ContainsKey)
              ?? throw new VaeException($"{path}: cannot tell which array holds the features (arrays: {list}); name it, e.g. npy:{path}:{entries.Keys.First()}.");

        var x = Member(path, entries[featureName], featureName, a => a.ReadFloats(), out var xArray);
        var shape = FeatureShape(xArray);
        string? labelName = labelColumn is { Length: > 0 }
            ? entries.ContainsKey(labelColumn) ? labelColumn : null
            : LabelNames.FirstOrDefault(n => entries.ContainsKey(n) && n != featureName) ?? (featureName == "arr_0" && entries.ContainsKey("arr_1") ? "arr_1" : null);
        if (labelName is null && labelColumn is { Length: > 0 })
            return TakeLabelColumn($"{path}:{featureName}", x, shape, labelColumn, entries.Keys);

        var dataset = new Dataset(Path.GetFileNameWithoutExtension(path), x, shape);
        if (labelName is null) return dataset;
        string where = $"{path}:{labelName}";
        var column = Member(path, entries[labelName], labelName, a =>
        {
            if (a.Shape.Length != 1 || a.Shape[0] != dataset.Count)
                throw new VaeException($"{where}: labels must be one value per example, shape ({dataset.Count},); the array has shape {a.ShapeText}.");
            return a.Dtype.IsText ? new TableColumn(labelName, a.Dtype.ToString(), null, a.ReadTexts()) : new TableColumn(labelName, a.Dtype.ToString(), a.ReadNumbers(), null);
        }, out _);
        if (column.Numbers?.FirstOrDefault(v => !double.IsFinite(v)) is double bad && !double.IsFinite(bad))
            throw new VaeException($"{where}: a label is {bad.ToString(CultureInfo.InvariantCulture)}; labels must be finite.");
        var (labels, classes) = TableBuilder.Labels(column);
        return new Dataset(dataset.Name, x, shape, labels, classes);
    }

    static T Member<T>(string path, ZipArchiveEntry entry, string name, Func<NpyArray, T> read, out NpyArray array)
    {
        string where = $"{path}:{name}";
        // A deflated member cannot expand more than about 1032:1; a larger claim is damage, not data.
        if (entry.Length > entry.CompressedLength * 1100 + 4096)
            throw new VaeException($"{where}: the archive claims {entry.Length} bytes from {entry.CompressedLength} compressed ones (damaged archive).");
        using var stream = entry.Open();
        array = NpyArray.Open(stream, entry.Length, where);
        return read(array);
    }

    static DataShape FeatureShape(NpyArray x)
    {
        var s = x.Shape;
        if (s.Length is 0 or > 4) throw new VaeException($"{x.Name}: shape {x.ShapeText}: features must be N×D, N×H×W or N×C×H×W.");
        if (s[0] == 0 || x.Count == 0) throw new VaeException($"{x.Name}: shape {x.ShapeText} holds no examples.");
        return s.Length switch
        {
            1 => DataShape.Vector(1),
            2 => DataShape.Vector((int)s[1]),
            3 => DataShape.Image(1, (int)s[1], (int)s[2]),
            _ => DataShape.Image((int)s[1], (int)s[2], (int)s[3]),
        };
    }

    static Dataset TakeLabelColumn(string name, float[] x, DataShape shape, string labelColumn, IEnumerable<string> arrays)
    {
        string others = arrays.Any() ? $" (no array of that name either; arrays: {string.Join(", ", arrays)})" : "";
        if (shape.IsImage)
            throw new VaeException($"{name}: --label-column '{labelColumn}': the features are images ({shape}), so the labels must be their own array{others.Replace(" either", "")}: save them with np.savez(file, x=images, y=labels).");
        if (!int.TryParse(labelColumn, NumberStyles.Integer, CultureInfo.InvariantCulture, out int k) || k < 0 || k >= shape.Size || shape.Size < 2)
            throw new VaeException($"{name}: --label-column '{labelColumn}' must be a column index 0..{shape.Size - 1} of the N×{shape.Size} matrix{others}.");
        int d = shape.Size, n = x.Length / d;
        var features = new float[n * (d - 1)];
        var raw = new double[n];
        for (int r = 0; r < n; r++)
        {
            raw[r] = x[r * d + k];
            Array.Copy(x, r * d, features, r * (d - 1), k);
            Array.Copy(x, r * d + k + 1, features, r * (d - 1) + k, d - k - 1);
        }
        var (labels, classes) = TableBuilder.Labels(new TableColumn(labelColumn, "float32", raw, null));
        return new Dataset(Path.GetFileNameWithoutExtension(name.Split(".npz:")[0]), features, DataShape.Vector(d - 1), labels, classes);
    }
}
