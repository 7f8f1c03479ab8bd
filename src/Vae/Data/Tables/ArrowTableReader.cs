using Apache.Arrow;
using Apache.Arrow.Ipc;

namespace Vae.Data.Tables;

/// <summary>
/// Reads a table from an Apache Arrow IPC file (the file format, which Feather version 2 is, detected by
/// its "ARROW1" magic) or stream (Apache.Arrow), with LZ4 or zstd buffer compression, held in memory: numeric and boolean
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
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length >= 4 && bytes.AsSpan(0, 4).SequenceEqual("FEA1"u8))
            throw new VaeException($"{path}: a Feather version 1 file; save it again as Feather version 2 (Arrow IPC), e.g. pyarrow.feather.write_feather(table, file).");
        // Apache.Arrow trusts the lengths in a file and allocates what they claim: check them first.
        bool isFile = bytes.Length >= 8 && bytes.AsSpan(0, 6).SequenceEqual("ARROW1"u8);
        if (isFile) ArrowIpcFraming.CheckFooter(bytes, path);
        else ArrowIpcFraming.Check(bytes, 0, path);
        using var stream = new MemoryStream(bytes, writable: false);
        var allocator = new CappedAllocator(Math.Max(64L << 20, 256L * bytes.Length), path);
        var codecs = new Apache.Arrow.Compression.CompressionCodecFactory();
        using ArrowStreamReader reader = isFile ? new ArrowFileReader(stream, allocator, codecs, leaveOpen: true) : new ArrowStreamReader(stream, allocator, codecs, leaveOpen: true);
        var fields = reader.Schema.FieldsList;
        var numbers = fields.Select(_ => new List<double>()).ToArray();
        var texts = fields.Select(_ => new List<string>()).ToArray();
        long row = 0;
        for (int b = 0; reader.ReadNextRecordBatch() is { } batch; b++)
        {
            using (batch)
            {
                // Every column this reader accepts takes at least one bit per row in the file.
                if (batch.Length < 0 || batch.Length > 8L * bytes.Length) throw new VaeException($"{path}: record batch {b} claims {batch.Length} rows, more than the file can hold.");
                if (batch.ColumnCount != fields.Count) throw new VaeException($"{path}: record batch {b} has {batch.ColumnCount} columns, the schema {fields.Count}.");
                for (int c = 0; c < fields.Count; c++)
                {
                    if (batch.Column(c).Length != batch.Length) throw new VaeException($"{path}: record batch {b}, column '{fields[c].Name}': {batch.Column(c).Length} values in a batch of {batch.Length} rows.");
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
        StringArray a => (0, Text(a, i, name, path)),
        DictionaryArray a => Value(a.Dictionary, DictionaryIndex(a.Indices, i, a.Dictionary.Length, name, path), name, path),
        _ => throw new VaeException($"{path}: column '{name}' holds {array.Data.DataType.Name}, not numbers or text; features must be numeric (integers, floats, decimals or booleans)."),
    };

    // Apache.Arrow's own GetString trusts the offsets buffer and reads through a raw pointer (a damaged file
    // crashes the process); here the offsets are checked and the bytes read through a bounds-checked span.
    static string Text(StringArray a, int i, string name, string path)
    {
        var offsets = a.ValueOffsets;
        int start = offsets[i], end = offsets[i + 1];
        if (start < 0 || end < start || end > a.Values.Length)
            throw new VaeException($"{path}: column '{name}': the offsets of string {i} ({start}..{end}) lie outside its {a.Values.Length}-byte buffer.");
        return System.Text.Encoding.UTF8.GetString(a.Values[start..end]);
    }

    static int DictionaryIndex(IArrowArray indices, int i, int size, string name, string path)
    {
        var (v, _) = Value(indices, i, name, path);
        return v >= 0 && v < size ? (int)v : throw new VaeException($"{path}: column '{name}': dictionary index {v} outside the dictionary's {size} values.");
    }
}
