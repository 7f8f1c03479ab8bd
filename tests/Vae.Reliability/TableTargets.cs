using System.IO.Compression;
using System.Text;
using Apache.Arrow;
using Apache.Arrow.Ipc;
using Vae.Data.NumPy;
using Vae.Data.Tables;

namespace Vae.Reliability;

/// <summary>A reader of one file, fuzzed by mutating a valid file of its format.</summary>
public abstract class FileTarget(string extension) : FuzzTarget
{
    protected readonly string Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"vae-fuzz-{Guid.NewGuid():N}{extension}");
    byte[]? valid;

    /// <summary>The valid file the mutations start from.</summary>
    protected abstract byte[] MakeValid();

    public override void Prepare(Random rng) => File.WriteAllBytes(Path, Mutator.Mutate(valid ??= MakeValid(), rng));
    public override void Dispose() => File.Delete(Path);
}

/// <summary>The Parquet reader (with a text label column) on mutations of a small snappy-compressed table in two row groups.</summary>
public sealed class ParquetTarget() : FileTarget(".parquet")
{
    sealed class Row { public double A { get; set; } public int B { get; set; } public long? C { get; set; } public bool D { get; set; } public string Label { get; set; } = ""; }

    public override string Name => "Parquet";

    protected override byte[] MakeValid()
    {
        var rows = Enumerable.Range(0, 12).Select(i => new Row { A = i * 0.25, B = -i, C = i * 1000L, D = i % 2 == 0, Label = "abc"[i % 3].ToString() }).ToList();
        using var ms = new MemoryStream();
        Parquet.Serialization.ParquetSerializer.SerializeAsync(rows, ms, new Parquet.ParquetOptions { RowGroupSize = 6 }).GetAwaiter().GetResult();
        return ms.ToArray();
    }

    public override void Read() => ParquetTableReader.Read(Path, "Label");
}

/// <summary>The Arrow IPC reader (file format, a dictionary-encoded label) on mutations of a small table in two record batches.</summary>
public sealed class ArrowTarget() : FileTarget(".arrow")
{
    public override string Name => "Arrow IPC";

    protected override byte[] MakeValid()
    {
        RecordBatch Batch(int start) => new RecordBatch.Builder()
            .Append("a", false, c => c.Double(b => b.AppendRange(Enumerable.Range(start, 5).Select(i => i * 0.5))))
            .Append("b", false, c => c.Int16(b => b.AppendRange(Enumerable.Range(start, 5).Select(i => (short)(i - 3)))))
            .Append("label", false, c => c.String(b => b.AppendRange(Enumerable.Range(start, 5).Select(i => "xyz"[i % 3].ToString()))))
            .Build();
        using var ms = new MemoryStream();
        var first = Batch(0);
        using (var writer = new ArrowFileWriter(ms, first.Schema, leaveOpen: true))
        {
            writer.WriteRecordBatch(first);
            writer.WriteRecordBatch(Batch(5));
            writer.WriteEnd();
        }
        return ms.ToArray();
    }

    public override void Read() => ArrowTableReader.Read(Path, "label");
}

/// <summary>The NumPy reader on mutations of an .npy file (a big-endian int16 matrix in Fortran order, header v1) or of an .npz archive.</summary>
public sealed class NpyTarget(bool archive) : FileTarget(archive ? ".npz" : ".npy")
{
    public override string Name => archive ? "NumPy .npz" : "NumPy .npy";

    /// <summary>An NPY file as numpy writes it: magic, version 1.0, the header dict padded to 64 bytes, the data.</summary>
    public static byte[] Npy(string descr, string shape, bool fortran, byte[] data)
    {
        string dict = $"{{'descr': '{descr}', 'fortran_order': {(fortran ? "True" : "False")}, 'shape': {shape}, }}";
        int pad = (64 - (10 + dict.Length + 1) % 64) % 64;
        var header = Encoding.ASCII.GetBytes(dict + new string(' ', pad) + "\n");
        return [0x93, .. "NUMPY"u8, 1, 0, (byte)header.Length, (byte)(header.Length >> 8), .. header, .. data];
    }

    protected override byte[] MakeValid()
    {
        var matrix = Npy(">i2", "(4, 3)", fortran: true, Enumerable.Range(0, 12).SelectMany(i => new[] { (byte)0, (byte)i }).ToArray());
        if (!archive) return matrix;
        var labels = Npy("<i8", "(4,)", fortran: false, Enumerable.Range(0, 4).SelectMany(i => BitConverter.GetBytes((long)(i % 2))).ToArray());
        using var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, bytes, level) in new[] { ("x.npy", matrix, CompressionLevel.NoCompression), ("y.npy", labels, CompressionLevel.Optimal) })
            {
                using var s = zip.CreateEntry(name, level).Open();
                s.Write(bytes);
            }
        }
        return ms.ToArray();
    }

    public override void Read() => NumPyReader.Read(Path, null);
}
