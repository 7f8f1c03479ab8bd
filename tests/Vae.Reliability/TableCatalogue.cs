using System.IO.Compression;

namespace Vae.Reliability;

/// <summary>The bad-input cases of the Parquet, Arrow and NumPy sources (part of <see cref="BadInputCatalogue"/>).</summary>
public static class TableCatalogue
{
    sealed class Row { public double? A { get; set; } public int B { get; set; } public string City { get; set; } = ""; }

    static (string[], string?) Train(Workspace w, string data, params string[] more)
    {
        string output = w.Fresh("out");
        return (["train", "--data", data, "--out", output, "--epochs", "1", "--val-size", "0", "--likelihood", "gaussian", .. more], output);
    }

    /// <summary>A Parquet file of 10 rows (A: optional double, B: int, City: text), written by Parquet.Net, with <paramref name="change"/> applied to the rows.</summary>
    static string Parquet(Workspace w, Action<List<Row>>? change = null)
    {
        var rows = Enumerable.Range(0, 10).Select(i => new Row { A = i * 0.5, B = i, City = "xyz"[i % 3].ToString() }).ToList();
        change?.Invoke(rows);
        string path = w.File($"t{Guid.NewGuid():N}.parquet");
        global::Parquet.Serialization.ParquetSerializer.SerializeAsync(rows, path).GetAwaiter().GetResult();
        return path;
    }

    static string Bytes(Workspace w, string extension, byte[] bytes)
    {
        string path = w.File($"b{Guid.NewGuid():N}{extension}");
        File.WriteAllBytes(path, bytes);
        return path;
    }

    static byte[] Matrix(string descr = "<f8", string shape = "(10, 2)", int itemBytes = 8, int items = 20) =>
        NpyTarget.Npy(descr, shape, fortran: false, Enumerable.Range(0, items * itemBytes).Select(i => (byte)(i % 7)).ToArray());

    static byte[] Zip(params (string Name, byte[] Bytes)[] members)
    {
        using var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
            foreach (var (name, bytes) in members)
                using (var s = zip.CreateEntry(name).Open()) s.Write(bytes);
        return ms.ToArray();
    }

    public static IReadOnlyList<BadInputCase> Cases { get; } =
    [
        new("Parquet and Arrow tables", "a Parquet label column that does not exist (with the columns present)", w => Train(w, "parquet:" + Parquet(w), "--label-column", "species"), "label column 'species' does not exist (columns: A, B, City)"),
        new("Parquet and Arrow tables", "a text column that is not the label", w => Train(w, "parquet:" + Parquet(w)), "column 'City' holds text (string), not numbers"),
        new("Parquet and Arrow tables", "a null value", w => Train(w, "parquet:" + Parquet(w, r => r[2].A = null), "--label-column", "City"), "column 'A', row 2 (counting from 0): a null (missing) value"),
        new("Parquet and Arrow tables", "a truncated Parquet file", w => Train(w, "parquet:" + Bytes(w, ".parquet", File.ReadAllBytes(Parquet(w))[..300])), "not a Parquet file (it must end with PAR1; truncated?)"),
        new("Parquet and Arrow tables", "Parquet file not found", w => Train(w, "parquet:" + w.File("missing.parquet")), "missing.parquet: file not found"),
        new("Parquet and Arrow tables", "a Feather version 1 file", w => Train(w, "arrow:" + Bytes(w, ".feather", [.. "FEA1"u8, .. new byte[64]])), "a Feather version 1 file; save it again as Feather version 2"),
        new("NumPy arrays", "an unsupported dtype (complex numbers)", w => Train(w, "npy:" + Bytes(w, ".npy", Matrix("<c8", itemBytes: 8))), "dtype '<c8' (complex numbers) is not supported"),
        new("NumPy arrays", "Python objects (a pickle)", w => Train(w, "npy:" + Bytes(w, ".npy", Matrix("|O"))), "dtype '|O' (Python objects, stored as a pickle; save a numeric array) is not supported"),
        new("NumPy arrays", "a truncated .npy file", w => Train(w, "npy:" + Bytes(w, ".npy", Matrix()[..^5])), "truncated: the header promises 160 bytes of data (10×2 of <f8), the file has 155"),
        new("NumPy arrays", "not an NPY file", w => Train(w, "npy:" + Bytes(w, ".npy", "x,y\n1,2\n"u8.ToArray())), "not an NPY file"),
        new("NumPy arrays", "a NaN among the features", w => Train(w, "npy:" + Bytes(w, ".npy", [.. Matrix()[..^8], .. BitConverter.GetBytes(double.NaN)])), "row 9 (counting from 0): NaN is not a finite float32 value"),
        new("NumPy arrays", "an .npz without a known feature array", w => Train(w, "npy:" + Bytes(w, ".npz", Zip(("a.npy", Matrix()), ("b.npy", Matrix())))), "cannot tell which array holds the features (arrays: a, b)"),
        new("NumPy arrays", "an .npz array name that does not exist", w => Train(w, "npy:" + Bytes(w, ".npz", Zip(("a.npy", Matrix()), ("b.npy", Matrix()))) + ":z"), "no array 'z' in the archive (arrays: a, b)"),
        new("NumPy arrays", "labels of the wrong length", w => Train(w, "npy:" + Bytes(w, ".npz", Zip(("x.npy", Matrix()), ("y.npy", Matrix("<i8", "(7,)", 8, 7))))), "labels must be one value per example, shape (10,); the array has shape (7,)"),
        new("NumPy arrays", "a label column for images", w => Train(w, "npy:" + Bytes(w, ".npy", Matrix("|u1", "(10, 2, 2)", 1, 40)), "--label-column", "0"), "the features are images (1x2x2), so the labels must be their own array"),
    ];
}
