using Vae.Data.Shards;

namespace Vae.Data.NumPy;

/// <summary>
/// One NPY array opened for reading (a .npy file, or one member of an .npz archive): its header is read
/// and checked against the bytes available, so the data is read only when it is all there. Values come
/// back in C (row-major) order whatever the file's order; big-endian data is converted.
/// </summary>
public sealed class NpyArray
{
    const int ChunkBytes = 1 << 20;

    readonly Stream stream;

    NpyArray(Stream stream, string name, NpyFile.Header header, NpyDtype dtype, long count)
    {
        this.stream = stream;
        Name = name;
        Shape = header.Shape;
        FortranOrder = header.FortranOrder;
        Dtype = dtype;
        Count = count;
    }

    /// <summary>The file (and array) name, for messages.</summary>
    public string Name { get; }
    public long[] Shape { get; }
    public bool FortranOrder { get; }
    public NpyDtype Dtype { get; }

    /// <summary>Number of elements (the product of the shape).</summary>
    public long Count { get; }

    public string ShapeText => "(" + string.Join(", ", Shape) + (Shape.Length == 1 ? ",)" : ")");

    /// <summary>
    /// Reads the header from <paramref name="stream"/> (not owned) and checks that exactly the data it
    /// promises follows: <paramref name="length"/> bytes in all, header included.
    /// </summary>
    public static NpyArray Open(Stream stream, long length, string name)
    {
        var header = NpyFile.ReadHeader(stream, name);
        var dtype = NpyDtype.Parse(header.Dtype, name);
        long count = 1;
        foreach (long d in header.Shape)
            count = d == 0 ? 0 : count > long.MaxValue / Math.Max(1, d) ? long.MaxValue : count * d;
        if (count > Array.MaxLength) throw new VaeException($"{name}: shape ({string.Join(", ", header.Shape)}) holds {count} values, more than one array in memory can (at most {Array.MaxLength}).");
        long data = length - header.DataOffset, promised = count * dtype.ItemBytes;
        if (data < promised) throw new VaeException($"{name}: truncated: the header promises {promised} bytes of data ({string.Join("×", header.Shape)} of {header.Dtype}), the file has {Math.Max(0, data)}.");
        if (data > promised) throw new VaeException($"{name}: {data - promised} bytes more than the header's shape ({string.Join(", ", header.Shape)}) of {header.Dtype} holds.");
        return new NpyArray(stream, name, header, dtype, count);
    }

    /// <summary>The values as float32 in C order; every value must be finite and within float32's range (errors name the row).</summary>
    public float[] ReadFloats()
    {
        var values = new float[Count];
        long rowSize = Shape.Length < 2 ? 1 : Count / Math.Max(1, Shape[0]);
        long k = 0;
        ForEachChunk(chunk =>
        {
            for (int j = 0; j < chunk.Length; j++, k++)
            {
                double v = chunk[j];
                if (!double.IsFinite(v) || Math.Abs(v) > float.MaxValue)
                {
                    long row = FortranOrder ? k % Math.Max(1, Shape[0]) : k / rowSize;
                    throw new VaeException($"{Name}: row {row} (counting from 0): {v.ToString(System.Globalization.CultureInfo.InvariantCulture)} is not a finite float32 value (NaN, infinities and values beyond ±3.4e38 are not allowed).");
                }
                values[k] = (float)v;
            }
        });
        return FortranOrder ? ToCOrder(values) : values;
    }

    /// <summary>The values as float64 in C order (labels), NaN included.</summary>
    public double[] ReadNumbers()
    {
        var values = new double[Count];
        long k = 0;
        ForEachChunk(chunk => { chunk.CopyTo(values.AsSpan((int)k)); k += chunk.Length; });
        return FortranOrder ? ToCOrder(values) : values;
    }

    /// <summary>The strings of a one-dimensional text (U or S) array.</summary>
    public string[] ReadTexts()
    {
        var texts = new string[Count];
        var item = new byte[Dtype.ItemBytes];
        for (long k = 0; k < Count; k++)
        {
            Fill(item);
            texts[k] = Dtype.Text(item);
        }
        return texts;
    }

    delegate void ChunkAction(ReadOnlySpan<double> chunk);

    void ForEachChunk(ChunkAction action)
    {
        if (Dtype.IsText) throw new VaeException($"{Name}: a text array ({Dtype}) where numbers are needed.");
        int perChunk = ChunkBytes / Dtype.ItemBytes;
        var bytes = new byte[(int)Math.Min(Count, perChunk) * Dtype.ItemBytes];
        var numbers = new double[Math.Min(Count, perChunk)];
        for (long done = 0; done < Count;)
        {
            int n = (int)Math.Min(perChunk, Count - done);
            var span = bytes.AsSpan(0, n * Dtype.ItemBytes);
            Fill(span);
            Dtype.ToNumbers(span, numbers);
            action(numbers.AsSpan(0, n));
            done += n;
        }
    }

    void Fill(Span<byte> buffer)
    {
        if (stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false) != buffer.Length)
            throw new VaeException($"{Name}: truncated: the data ends before the {Count} values its header promises.");
    }

    /// <summary>Fortran order (first index fastest) to C order (last index fastest).</summary>
    T[] ToCOrder<T>(T[] fortran)
    {
        int dims = Shape.Length;
        if (dims < 2) return fortran;
        var result = new T[fortran.Length];
        var stride = new long[dims];
        for (int j = 0, s = 1; j < dims; j++) { stride[j] = s; s *= (int)Shape[j]; }
        var index = new long[dims];
        long offset = 0;
        for (long c = 0; c < result.LongLength; c++)
        {
            result[c] = fortran[offset];
            for (int j = dims - 1; j >= 0; j--)
            {
                index[j]++;
                offset += stride[j];
                if (index[j] < Shape[j]) break;
                offset -= stride[j] * Shape[j];
                index[j] = 0;
            }
        }
        return result;
    }
}
