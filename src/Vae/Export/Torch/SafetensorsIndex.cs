using System.Buffers.Binary;
using System.Text.Json;
using static TorchSharp.torch;

namespace Vae.Export.Torch;

/// <summary>One tensor a state dict file declares: its name, dtype (null when this toolkit has no such type), dtype as the file names it, and shape.</summary>
public sealed record StateDictEntry(string Key, ScalarType? Dtype, string DtypeName, long[] Shape);

/// <summary>
/// Reads and checks the header of a .safetensors file before any of it is handed to TorchSharp.PyBridge (whose reader
/// trusts the header: a damaged file could make it allocate what the length fields say, or read past the data). The
/// format: an 8-byte little-endian header length n, n bytes of JSON <c>{name: {"dtype", "shape", "data_offsets": [begin,
/// end]}}</c> (and an optional <c>"__metadata__"</c> of strings), then the data, which the tensors cover exactly, without
/// overlap or gaps. Every problem is one line naming the file (and the tensor).
/// </summary>
public static class SafetensorsIndex
{
    /// <summary>The header size the safetensors package accepts at most.</summary>
    public const long MaxHeader = 100_000_000;

    static readonly Dictionary<string, ScalarType> Dtypes = new()
    {
        ["F64"] = ScalarType.Float64, ["F32"] = ScalarType.Float32, ["F16"] = ScalarType.Float16, ["BF16"] = ScalarType.BFloat16,
        ["I64"] = ScalarType.Int64, ["I32"] = ScalarType.Int32, ["I16"] = ScalarType.Int16, ["I8"] = ScalarType.Int8,
        ["U8"] = ScalarType.Byte, ["BOOL"] = ScalarType.Bool,
    };

    /// <summary>The safetensors name of a dtype (F32 for float32).</summary>
    public static string DtypeName(ScalarType dtype) =>
        Dtypes.FirstOrDefault(kv => kv.Value == dtype).Key ?? throw new VaeException($"the dtype {dtype} has no safetensors name here");

    /// <summary>The tensors the file declares, in header order, after checking the header against the file's length.</summary>
    public static IReadOnlyList<StateDictEntry> Read(string path)
    {
        using var stream = File.OpenRead(path);
        long length = stream.Length;
        if (length < 8) throw Bad(path, $"{length} bytes, too short for a safetensors file (its header length alone takes 8)");
        Span<byte> prefix = stackalloc byte[8];
        stream.ReadExactly(prefix);
        ulong n = BinaryPrimitives.ReadUInt64LittleEndian(prefix);
        if (n > (ulong)(length - 8))
            throw Bad(path, $"the header length {n} runs past the end of the file ({length} bytes): the file is truncated, or not a safetensors file");
        if (n > MaxHeader) throw Bad(path, $"a header of {n} bytes, more than the format's {MaxHeader}");
        var header = new byte[n];
        stream.ReadExactly(header);
        return Entries(path, header, length - 8 - (long)n);
    }

    static List<StateDictEntry> Entries(string path, byte[] header, long dataLength)
    {
        int bad = Vae.IO.Utf8Text.FirstBadByte(header);
        if (bad >= 0) throw Bad(path, $"the header is not UTF-8 JSON (byte 0x{header[bad]:X2} at offset {8 + bad})");
        JsonDocument doc;
        try { doc = JsonDocument.Parse(header, new JsonDocumentOptions { AllowDuplicateProperties = false, MaxDepth = 8 }); }
        catch (JsonException e) { throw Bad(path, $"the header is not JSON ({e.Message.Split('\n')[0].TrimEnd('.')})"); }
        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object) throw Bad(path, "the header is not a JSON object of tensors");
            var entries = new List<StateDictEntry>();
            var spans = new List<(long Begin, long End, string Key)>();
            foreach (var p in doc.RootElement.EnumerateObject())
            {
                if (p.Name == "__metadata__")
                {
                    if (p.Value.ValueKind != JsonValueKind.Object || p.Value.EnumerateObject().Any(m => m.Value.ValueKind != JsonValueKind.String))
                        throw Bad(path, "__metadata__ is not an object of strings");
                    continue;
                }
                var (entry, begin, end) = Entry(path, p.Name, p.Value, dataLength);
                entries.Add(entry);
                spans.Add((begin, end, p.Name));
            }
            CheckCoverage(path, spans, dataLength);
            return entries;
        }
    }

    static (StateDictEntry, long, long) Entry(string path, string key, JsonElement e, long dataLength)
    {
        string what = $"tensor '{Shorten(key)}'";
        if (e.ValueKind != JsonValueKind.Object) throw Bad(path, $"{what} is not described by an object");
        if (!e.TryGetProperty("dtype", out var dtypeField) || dtypeField.ValueKind != JsonValueKind.String) throw Bad(path, $"{what} has no dtype");
        string dtypeName = dtypeField.GetString()!;
        if (!Dtypes.TryGetValue(dtypeName, out var dtype))
            throw Bad(path, $"{what} has the dtype '{Shorten(dtypeName)}', which this reader does not know (it reads {string.Join(", ", Dtypes.Keys)})");
        long[] shape = Integers(path, e, "shape", what, -1);
        long[] offsets = Integers(path, e, "data_offsets", what, 2);
        long begin = offsets[0], end = offsets[1];
        if (begin > end || end > dataLength)
            throw Bad(path, $"{what} has data_offsets [{begin}, {end}] outside the {dataLength} bytes of data after the header: the file is truncated or damaged");
        long bytes;
        try { bytes = checked(shape.Aggregate(1L, (a, b) => a * b) * ElementSize(dtype)); }
        catch (OverflowException) { throw Bad(path, $"{what} has the shape [{string.Join(", ", shape)}], too large to be stored"); }
        if (bytes != end - begin)
            throw Bad(path, $"{what} of shape [{string.Join(", ", shape)}] and dtype {dtypeName} takes {bytes} bytes, but its data_offsets [{begin}, {end}] span {end - begin}");
        return (new StateDictEntry(key, dtype, dtypeName, shape), begin, end);
    }

    static long[] Integers(string path, JsonElement e, string field, string what, int count)
    {
        if (!e.TryGetProperty(field, out var array) || array.ValueKind != JsonValueKind.Array)
            throw Bad(path, $"{what} has no {field} list");
        var values = new List<long>();
        foreach (var v in array.EnumerateArray())
        {
            if (v.ValueKind != JsonValueKind.Number || !v.TryGetInt64(out long x) || x < 0)
                throw Bad(path, $"{what} has a {field} entry that is not a non-negative integer ({Shorten(v.GetRawText())})");
            values.Add(x);
        }
        if (count >= 0 && values.Count != count) throw Bad(path, $"{what} has {values.Count} {field}, not {count}");
        if (values.Count > 16) throw Bad(path, $"{what} has {values.Count} dimensions");
        return [.. values];
    }

    // The tensors tile the data: sorted by offset, each begins where the one before it ends, the last at the end.
    static void CheckCoverage(string path, List<(long Begin, long End, string Key)> spans, long dataLength)
    {
        long at = 0;
        string? previous = null;
        foreach (var (begin, end, key) in spans.OrderBy(s => s.Begin).ThenBy(s => s.End))
        {
            if (begin < at) throw Bad(path, $"tensor '{Shorten(key)}' overlaps tensor '{Shorten(previous!)}' in the data");
            if (begin > at) throw Bad(path, $"{begin - at} bytes of data at offset {at} belong to no tensor (before tensor '{Shorten(key)}')");
            at = end;
            previous = key;
        }
        if (at != dataLength) throw Bad(path, $"{dataLength - at} bytes after the last tensor's data belong to no tensor");
    }

    internal static long ElementSize(ScalarType t) => t switch
    {
        ScalarType.Float64 or ScalarType.Int64 => 8,
        ScalarType.Float32 or ScalarType.Int32 => 4,
        ScalarType.Float16 or ScalarType.BFloat16 or ScalarType.Int16 => 2,
        _ => 1,
    };

    static VaeException Bad(string path, string what) => new($"{path}: not a readable safetensors file: {what}.");

    internal static string Shorten(string s) => s.Length <= 60 ? s : s[..60] + "…";
}
