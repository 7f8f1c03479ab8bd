using PureHDF;
using PureHDF.Selections;
using PureHDF.VOL.Native;

namespace Vae.Applications.SingleCell;

/// <summary>
/// An AnnData (.h5ad) file opened for reading with PureHDF (pure .NET HDF5): typed reads of its datasets
/// and attributes that turn every failure — PureHDF's own exceptions on a damaged file included — into a
/// one-line <see cref="VaeException"/> naming the file and the HDF5 object, and that refuse to allocate
/// more than the file could hold (deflate expands at most ~1,032×), so a corrupt size cannot exhaust memory.
/// </summary>
public sealed class H5adFile : IDisposable
{
    static readonly byte[] Signature = [0x89, (byte)'H', (byte)'D', (byte)'F', 0x0d, 0x0a, 0x1a, 0x0a];
    readonly NativeFile file;
    readonly long budget;

    H5adFile(string path, NativeFile file, long length)
    {
        Path = path;
        this.file = file;
        budget = 1100 * length + (1L << 20);
    }

    /// <summary>The file's path, as named in messages.</summary>
    public string Path { get; }

    public static H5adFile Open(string path)
    {
        if (!File.Exists(path)) throw new VaeException($"{path}: file not found (expected an AnnData .h5ad file).");
        long length = new FileInfo(path).Length;
        if (!HasSignature(path)) throw new VaeException($"{path}: not an HDF5 file (no HDF5 signature at byte 0, 512, 1024, …); an .h5ad file is HDF5.");
        try { return new H5adFile(path, H5File.OpenRead(path), length); }
        catch (Exception e) when (e is not VaeException) { throw new VaeException($"{path}: cannot open the HDF5 file: {OneLine(e)}"); }
    }

    static bool HasSignature(string path)
    {
        using var s = File.OpenRead(path);
        var buffer = new byte[8];
        for (long at = 0; at + 8 <= s.Length; at = at == 0 ? 512 : at * 2)
        {
            s.Position = at;
            s.ReadExactly(buffer);
            if (buffer.AsSpan().SequenceEqual(Signature)) return true;
        }
        return false;
    }

    /// <summary>Runs <paramref name="read"/>, turning any exception into a one-line error naming the file and <paramref name="objectPath"/>.</summary>
    public T Guard<T>(string objectPath, Func<T> read)
    {
        try { return read(); }
        catch (VaeException) { throw; }
        catch (Exception e) { throw new VaeException($"{Path}: HDF5 object {objectPath}: cannot be read ({OneLine(e)})."); }
    }

    static string OneLine(Exception e) => $"{e.GetType().Name}: {e.Message.Split('\n')[0].Trim()}";

    public bool Exists(string objectPath) => Guard(objectPath, () => file.LinkExists(objectPath));

    public IH5Object Get(string objectPath) => Guard(objectPath, () => file.Get(objectPath));

    /// <summary>The dataset at <paramref name="objectPath"/>, or a clear error when it is missing or a group.</summary>
    public IH5Dataset Dataset(string objectPath, string what) =>
        Exists(objectPath) ? Get(objectPath) as IH5Dataset ?? throw Error(objectPath, $"is not a dataset ({what})")
                           : throw Error(objectPath, $"is missing ({what})");

    /// <summary>The names of the children of a group.</summary>
    public string[] Children(string groupPath) => Guard(groupPath, () => ((IH5Group)file.Get(groupPath)).Children().Select(c => c.Name).ToArray());

    public VaeException Error(string objectPath, string message) => new($"{Path}: HDF5 object {objectPath} {message}.");

    /// <summary>A string attribute (scalar, or the first of an array), or null when absent or not a string.</summary>
    public string? StringAttribute(string objectPath, string name) => Guard($"{objectPath} (attribute {name})", () =>
    {
        var obj = file.Get(objectPath);
        if (!obj.AttributeExists(name)) return null;
        var a = obj.Attribute(name);
        if (!IsText(a.Type)) return null;
        return a.Space.Type == H5DataspaceType.Scalar ? a.Read<string>() : a.Read<string[]>().FirstOrDefault();
    });

    /// <summary>A string-array attribute (column-order); empty when absent or not strings.</summary>
    public string[] StringsAttribute(string objectPath, string name) => Guard($"{objectPath} (attribute {name})", () =>
    {
        var obj = file.Get(objectPath);
        if (!obj.AttributeExists(name)) return [];
        var a = obj.Attribute(name);
        if (!IsText(a.Type)) return [];
        var values = a.Space.Type == H5DataspaceType.Scalar ? [a.Read<string>()] : a.Read<string[]>();
        return values.Any(v => v is null) ? throw Error(objectPath, $"has a '{name}' attribute with a missing entry") : values;
    });

    /// <summary>Fixed-length strings, or variable-length strings (h5py's str).</summary>
    public static bool IsText(IH5DataType type) => type.Class == H5DataTypeClass.String
        || type.Class == H5DataTypeClass.VariableLength && type.VariableLength.BaseType is { } b
           && (b.Class == H5DataTypeClass.String || b.Class == H5DataTypeClass.FixedPoint && b.Size == 1);

    /// <summary>An integer-array attribute (a sparse matrix's shape), or null when absent.</summary>
    public long[]? IntegersAttribute(string objectPath, string name) => Guard($"{objectPath} (attribute {name})", () =>
    {
        var obj = file.Get(objectPath);
        if (!obj.AttributeExists(name)) return null;
        var a = obj.Attribute(name);
        if (a.Type.Class != H5DataTypeClass.FixedPoint || a.Type.Size != 8 && a.Type.Size != 4) throw Error(objectPath, $"has a '{name}' attribute that is not an integer array");
        return a.Type.Size == 8 ? a.Read<long[]>() : a.Read<int[]>().Select(v => (long)v).ToArray();
    });

    /// <summary>The dimensions of a dataset.</summary>
    public ulong[] Dimensions(IH5Dataset dataset, string objectPath) => Guard(objectPath, () =>
        dataset.Space.Type == H5DataspaceType.Scalar ? [1UL] : dataset.Space.Dimensions);

    /// <summary>The number of elements of a one-dimensional dataset (an error for any other rank).</summary>
    public long Length(IH5Dataset dataset, string objectPath)
    {
        var dims = Dimensions(dataset, objectPath);
        if (dims.Length != 1) throw Error(objectPath, $"has {dims.Length} dimensions where one is expected");
        return dims[0] > long.MaxValue ? throw Error(objectPath, "is too large") : (long)dims[0];
    }

    void Budget(string objectPath, long elements, long size)
    {
        if (elements < 0 || size <= 0 || elements > budget / size)
            throw Error(objectPath, $"claims {elements:N0} values of {size} bytes, more than this {budget / 1100:N0}-byte file can hold");
    }

    /// <summary>Elements [start, start+count) of a 1-D numeric dataset (any integer or float type) as float.</summary>
    public float[] Floats(IH5Dataset dataset, string objectPath, long start, long count) =>
        Numbers(dataset, objectPath, start, count, static v => (float)v, static v => v);

    /// <summary>Elements [start, start+count) of a 1-D numeric dataset as double.</summary>
    public double[] Doubles(IH5Dataset dataset, string objectPath, long start, long count) =>
        Numbers(dataset, objectPath, start, count, static v => v, static v => v);

    /// <summary>Elements [start, start+count) of a 1-D integer dataset as long (a float dataset is an error).</summary>
    public long[] Integers(IH5Dataset dataset, string objectPath, long start, long count)
    {
        var type = Guard(objectPath, () => dataset.Type);
        if (type.Class is not (H5DataTypeClass.FixedPoint or H5DataTypeClass.Enumerated)) throw Error(objectPath, $"holds {type.Class} values where integers are expected");
        return Numbers(dataset, objectPath, start, count, static v => (long)v, static v => v);
    }

    /// <summary>Rows [row, row+rows) of a 2-D numeric dataset [R × C] as row-major float.</summary>
    public float[] Rows(IH5Dataset dataset, string objectPath, long row, long rows, long columns)
    {
        Budget(objectPath, rows * columns, 4);
        var selection = new HyperslabSelection(rank: 2, starts: [(ulong)row, 0], strides: [1, 1], counts: [(ulong)rows, (ulong)columns], blocks: [1, 1]);
        return ReadTyped(dataset, objectPath, selection, rows * columns, static v => (float)v, static v => v);
    }

    T[] Numbers<T>(IH5Dataset dataset, string objectPath, long start, long count, Func<double, T> fromDouble, Func<long, T> fromLong)
    {
        long length = Length(dataset, objectPath);
        if (start < 0 || count < 0 || start + count > length) throw Error(objectPath, $"has {length:N0} values; values {start:N0}..{start + count - 1:N0} were asked for");
        Selection? selection = start == 0 && count == length ? null : new HyperslabSelection(start: (ulong)start, block: (ulong)count);
        return ReadTyped(dataset, objectPath, selection, count, fromDouble, fromLong);
    }

    T[] ReadTyped<T>(IH5Dataset dataset, string objectPath, Selection? selection, long count, Func<double, T> fromDouble, Func<long, T> fromLong)
    {
        if (count == 0) return [];
        var type = Guard(objectPath, () => dataset.Type.Class == H5DataTypeClass.Enumerated ? dataset.Type.Enumeration.BaseType : dataset.Type);
        Budget(objectPath, count, Math.Max(1, (long)type.Size));
        if (type.Class == H5DataTypeClass.FloatingPoint)
            return type.Size switch
            {
                4 => Convert(Read<float>(dataset, objectPath, selection), v => fromDouble(v)),
                8 => Convert(Read<double>(dataset, objectPath, selection), fromDouble),
                _ => throw Error(objectPath, $"holds {type.Size}-byte floats (4 or 8 are supported)"),
            };
        if (type.Class != H5DataTypeClass.FixedPoint) throw Error(objectPath, $"holds {type.Class} values where numbers are expected");
        bool signed = Guard(objectPath, () => type.FixedPoint.IsSigned);
        return (type.Size, signed) switch
        {
            (1, true) => Convert(Read<sbyte>(dataset, objectPath, selection), v => fromLong(v)),
            (1, false) => Convert(Read<byte>(dataset, objectPath, selection), v => fromLong(v)),
            (2, true) => Convert(Read<short>(dataset, objectPath, selection), v => fromLong(v)),
            (2, false) => Convert(Read<ushort>(dataset, objectPath, selection), v => fromLong(v)),
            (4, true) => Convert(Read<int>(dataset, objectPath, selection), v => fromLong(v)),
            (4, false) => Convert(Read<uint>(dataset, objectPath, selection), v => fromLong(v)),
            (8, true) => Convert(Read<long>(dataset, objectPath, selection), fromLong),
            (8, false) => Convert(Read<ulong>(dataset, objectPath, selection), v => v > long.MaxValue ? throw Error(objectPath, $"holds the value {v}, too large") : fromLong((long)v)),
            _ => throw Error(objectPath, $"holds {type.Size}-byte integers (1, 2, 4 or 8 are supported)"),
        };
    }

    S[] Read<S>(IH5Dataset dataset, string objectPath, Selection? selection) where S : unmanaged =>
        Guard(objectPath, () => dataset.Read<S[]>(fileSelection: selection));

    static T[] Convert<S, T>(S[] source, Func<S, T> map)
    {
        if (source is T[] same) return same;
        var result = new T[source.Length];
        for (int i = 0; i < source.Length; i++) result[i] = map(source[i]);
        return result;
    }

    /// <summary>A 1-D string dataset (variable or fixed length).</summary>
    public string[] Strings(IH5Dataset dataset, string objectPath)
    {
        long length = Length(dataset, objectPath);
        Budget(objectPath, length, 16);
        var type = Guard(objectPath, () => dataset.Type);
        if (!IsText(type)) throw Error(objectPath, $"holds {type.Class} values where strings are expected");
        var values = Guard(objectPath, () => dataset.Read<string[]>());
        for (int i = 0; i < values.Length; i++) values[i] ??= "";   // an unset variable-length string reads as empty, as in h5py
        return values.Length == length ? values : throw Error(objectPath, $"gave {values.Length} strings for {length} entries");
    }

    public void Dispose() => file.Dispose();
}
