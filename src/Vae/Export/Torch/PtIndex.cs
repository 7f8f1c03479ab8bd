using System.Collections;
using System.IO.Compression;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace Vae.Export.Torch;

/// <summary>
/// Reads and checks what a torch.save file (a zip archive: a pickle, data.pkl, and one entry per tensor storage) declares
/// before TorchSharp.PyBridge's <c>load_py</c> reads it into a model. The pickle's opcodes are walked first
/// (<see cref="PickleScan"/>: no length in it runs past its end), then PyBridge's unpickler is asked for the tensors'
/// descriptions only (no data read), and each is checked: a plain tensor (no offset into a shared storage, contiguous
/// strides) whose storage entry holds its bytes. PyBridge's reader then writes each tensor into the model's own, which
/// the caller has checked has the same shape and dtype, so the file can make it allocate nothing. Every problem is one
/// line naming the file (and the tensor).
/// </summary>
public static class PtIndex
{
    /// <summary>The largest data.pkl read: a state dict's pickle holds names and shapes, a few kilobytes per tensor.</summary>
    public const long MaxPickle = 64L << 20;

    public static IReadOnlyList<StateDictEntry> Read(string path)
    {
        using var stream = File.OpenRead(path);
        Span<byte> magic = stackalloc byte[4];
        if (stream.ReadAtLeast(magic, 4, throwOnEndOfStream: false) < 4 || !magic.SequenceEqual("PK\u0003\u0004"u8))
            throw Bad(path, "not a zip archive, as torch.save has written since PyTorch 1.6 (an older file: load it and save it again with a recent torch)");
        stream.Position = 0;
        long[] storageBytes = CheckArchive(path, stream);
        stream.Position = 0;
        Hashtable table;
        try { table = PyTorchUnpickler.UnpickleStateDict(stream, leaveOpen: true, skipTensorRead: true); }
        catch (InvalidCastException) { throw Bad(path, "its pickle holds something other than a state dict (a dict of tensors): save model.state_dict()"); }
        catch (Exception e) when (e is not VaeException)
        {
            throw Bad(path, $"its pickle could not be read as a state dict ({e.Message.Split('\n')[0].TrimEnd('.')})");
        }
        var entries = new List<StateDictEntry>();
        try
        {
            foreach (DictionaryEntry kv in table)
            {
                string key = kv.Key as string ?? throw Bad(path, $"it has a key {kv.Key} that is not a name");
                entries.Add(Entry(path, key, kv.Value, storageBytes));
            }
        }
        finally
        {
            foreach (var value in table.Values) (Property(value, "Data") as Stream)?.Dispose();
        }
        return entries;
    }

    // The archive is readable, has one pickle of a plausible size; the uncompressed size of each entry, by index.
    static long[] CheckArchive(string path, Stream stream)
    {
        try
        {
            using var zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
            var pickles = zip.Entries.Where(e => e.Name.EndsWith("data.pkl", StringComparison.Ordinal)).ToList();
            if (pickles.Count != 1) throw Bad(path, $"the archive holds {pickles.Count} data.pkl entries, not one");
            if (pickles[0].Length > MaxPickle) throw Bad(path, $"its data.pkl has {pickles[0].Length} bytes, more than a state dict's pickle ({MaxPickle})");
            if (PickleScan.Problem(ReadPickle(path, pickles[0])) is { } problem) throw Bad(path, $"its data.pkl is damaged: {problem}");
            return [.. zip.Entries.Select(e => e.Length)];
        }
        catch (InvalidDataException e) { throw Bad(path, $"a damaged zip archive ({e.Message.Split('\n')[0].TrimEnd('.')})"); }
    }

    // The pickle's bytes as the unpickler will read them, at most MaxPickle of them.
    static byte[] ReadPickle(string path, ZipArchiveEntry entry)
    {
        using var stream = entry.Open();
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int n;
        while ((n = stream.Read(chunk)) > 0)
        {
            buffer.Write(chunk, 0, n);
            if (buffer.Length > MaxPickle) throw Bad(path, $"its data.pkl holds more than a state dict's pickle ({MaxPickle} bytes)");
        }
        return buffer.ToArray();
    }

    static StateDictEntry Entry(string path, string key, object? value, long[] storageBytes)
    {
        string what = $"tensor '{SafetensorsIndex.Shorten(key)}'";
        if (value is null || value.GetType().Name != "TensorConstructorArgs")
            throw Bad(path, $"the entry '{SafetensorsIndex.Shorten(key)}' is not a tensor ({value?.GetType().Name ?? "None"}): save model.state_dict(), not a checkpoint holding it");
        var shape = Required<long[]>(value, "Shape");
        var stride = Required<long[]>(value, "Stride");
        int offset = Required<int>(value, "StorageOffset");
        var dtype = Required<ScalarType>(value, "DType");
        int index = Required<int>(value, "ArchiveIndex");
        if (shape.Length > 16 || shape.Any(d => d < 0) || stride.Length != shape.Length)
            throw Bad(path, $"{what} has the shape [{string.Join(", ", shape)}] and strides [{string.Join(", ", stride)}]");
        if (offset != 0 || !Contiguous(shape, stride))
            throw Bad(path, $"{what} is a view into a larger storage (offset {offset}, strides [{string.Join(", ", stride)}]): save {{k: v.contiguous().clone() for k, v in state.items()}}");
        long bytes;
        try { bytes = checked(shape.Aggregate(1L, (a, b) => a * b) * SafetensorsIndex.ElementSize(dtype)); }
        catch (OverflowException) { throw Bad(path, $"{what} has the shape [{string.Join(", ", shape)}], too large to be stored"); }
        if (index < 0 || index >= storageBytes.Length || storageBytes[index] < bytes)
            throw Bad(path, $"{what} needs {bytes} bytes but its storage holds {(index >= 0 && index < storageBytes.Length ? storageBytes[index] : 0)}: the file is damaged");
        string name = dtype is ScalarType.Float32 or ScalarType.Float64 or ScalarType.Float16 or ScalarType.BFloat16 or ScalarType.Int64
            or ScalarType.Int32 or ScalarType.Int16 or ScalarType.Int8 or ScalarType.Byte or ScalarType.Bool ? SafetensorsIndex.DtypeName(dtype) : dtype.ToString();
        return new StateDictEntry(key, dtype, name, shape);
    }

    // Row-major strides, ignoring dimensions of size 1 (whose stride never matters), as torch's is_contiguous does.
    static bool Contiguous(long[] shape, long[] stride)
    {
        long expected = 1;
        for (int i = shape.Length - 1; i >= 0; i--)
        {
            if (shape[i] == 1) continue;
            if (stride[i] != expected) return false;
            expected *= shape[i];
        }
        return true;
    }

    // PyBridge describes an unread tensor with an internal type (TensorConstructorArgs); its public properties are read by name.
    static object? Property(object? value, string name) => value?.GetType().GetProperty(name)?.GetValue(value);

    static T Required<T>(object value, string name) => Property(value, name) is T v ? v
        : throw new VaeException($"TorchSharp.PyBridge describes a tensor without '{name}': this reader was written for PyBridge 1.4.4 (see Directory.Packages.props).");

    static VaeException Bad(string path, string what) => new($"{path}: not a readable PyTorch state dict: {what}.");
}
