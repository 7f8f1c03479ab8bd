using Apache.Arrow;
using Apache.Arrow.Ipc;

namespace Vae.Data.Tables;

/// <summary>
/// Reads a table from an Apache Arrow IPC file (the file format, which Feather version 2 is, detected by
/// its "ARROW1" magic) or stream (Apache.Arrow), with LZ4 or zstd buffer compression: numeric and boolean
/// columns as features, a numeric, text or dictionary-encoded label column; errors as the Parquet reader's.
/// </summary>
public static class ArrowTableReader
{
    public static Dataset Read(string path, string? labelColumn) => TableBuilder.Build(path, ReadColumns(path), labelColumn);

    public static IReadOnlyList<TableColumn> ReadColumns(string path)
    {
        if (!File.Exists(path)) throw new VaeException($"{path}: file not found.");
        string where = "the schema";
        try
        {
            return ReadBatches(path, w => where = w);
        }
        catch (Exception e) when (e is not VaeException and not OutOfMemoryException)
        {
            throw new VaeException($"{path}: {where}: not readable as Arrow IPC ({e.GetType().Name}: {e.Message.Split('\n')[0].TrimEnd('.')}).", e);
        }
    }

    static List<TableColumn> ReadBatches(string path, Action<string> at)
    {
        using var stream = File.OpenRead(path);
        Span<byte> magic = stackalloc byte[6];
        int got = stream.ReadAtLeast(magic, 6, throwOnEndOfStream: false);
        stream.Position = 0;
        if (got >= 4 && magic[..4].SequenceEqual("FEA1"u8))
            throw new VaeException($"{path}: a Feather version 1 file; save it again as Feather version 2 (Arrow IPC), e.g. pyarrow.feather.write_feather(table, file).");
        var codecs = new Apache.Arrow.Compression.CompressionCodecFactory();
        var allocator = Apache.Arrow.Memory.MemoryAllocator.Default.Value;
        using ArrowStreamReader reader = got == 6 && magic.SequenceEqual("ARROW1"u8)
            ? new ArrowFileReader(stream, allocator, codecs, leaveOpen: true)
            : new ArrowStreamReader(stream, allocator, codecs, leaveOpen: true);
        var fields = reader.Schema.FieldsList;
        var numbers = fields.Select(_ => new List<double>()).ToArray();
        var texts = fields.Select(_ => new List<string>()).ToArray();
        long row = 0;
        for (int b = 0; reader.ReadNextRecordBatch() is { } batch; b++)
        {
            using (batch)
            {
                for (int c = 0; c < fields.Count; c++)
                {
                    at($"record batch {b}, column '{fields[c].Name}'");
                    Append(batch.Column(c), fields[c].Name, row, numbers[c], texts[c], path);
                }
                row += batch.Length;
                if (row * Math.Max(1, fields.Count) > System.Array.MaxLength) throw new VaeException($"{path}: more values than one array in memory can hold.");
            }
        }
        return fields.Select((f, c) => texts[c].Count > 0 || numbers[c].Count == 0 && IsText(f.DataType)
            ? new TableColumn(f.Name, f.DataType.Name, null, texts[c].ToArray())
            : new TableColumn(f.Name, f.DataType.Name, numbers[c].ToArray(), null)).ToList();
    }

    static bool IsText(Apache.Arrow.Types.IArrowType t) => t is Apache.Arrow.Types.StringType or Apache.Arrow.Types.DictionaryType { ValueType: Apache.Arrow.Types.StringType };

    static void Append(IArrowArray array, string name, long firstRow, List<double> numbers, List<string> texts, string path)
    {
        for (int i = 0; i < array.Length; i++)
        {
            if (array.IsNull(i)) throw TableColumn.NullError(path, name, firstRow + i);
            var (value, text) = Value(array, i, name, path);
            if (text is not null) texts.Add(text); else numbers.Add(value);
        }
        if (numbers.Count > 0 && texts.Count > 0) throw new VaeException($"{path}: column '{name}' mixes numbers and text between record batches.");
    }

    static (double, string?) Value(IArrowArray array, int i, string name, string path) => array switch
    {
        DoubleArray a => (a.GetValue(i)!.Value, null),
        FloatArray a => (a.GetValue(i)!.Value, null),
        HalfFloatArray a => ((double)a.GetValue(i)!.Value, null),
        Int8Array a => (a.GetValue(i)!.Value, null),
        Int16Array a => (a.GetValue(i)!.Value, null),
        Int32Array a => (a.GetValue(i)!.Value, null),
        Int64Array a => (a.GetValue(i)!.Value, null),
        UInt8Array a => (a.GetValue(i)!.Value, null),
        UInt16Array a => (a.GetValue(i)!.Value, null),
        UInt32Array a => (a.GetValue(i)!.Value, null),
        UInt64Array a => (a.GetValue(i)!.Value, null),
        BooleanArray a => (a.GetValue(i)!.Value ? 1 : 0, null),
        Decimal128Array a => ((double)a.GetValue(i)!.Value, null),
        StringArray a => (0, a.GetString(i)),
        DictionaryArray a => Value(a.Dictionary, DictionaryIndex(a.Indices, i, a.Dictionary.Length, name, path), name, path),
        _ => throw new VaeException($"{path}: column '{name}' holds {array.Data.DataType.Name}, not numbers or text; features must be numeric (integers, floats, decimals or booleans)."),
    };

    static int DictionaryIndex(IArrowArray indices, int i, int size, string name, string path)
    {
        var (v, _) = Value(indices, i, name, path);
        return v >= 0 && v < size ? (int)v : throw new VaeException($"{path}: column '{name}': dictionary index {v} outside the dictionary's {size} values.");
    }
}
