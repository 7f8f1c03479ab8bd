using System.Buffers.Binary;
using System.IO.Compression;

namespace Vae.Data;

/// <summary>An array read from an IDX file: its dimensions and its values as floats.</summary>
public sealed record IdxArray(int[] Dimensions, byte TypeCode, float[] Values)
{
    public int Count => Dimensions[0];
    public int ItemSize => Dimensions.Skip(1).Aggregate(1, (a, b) => a * b);
}

/// <summary>
/// Reads the IDX format of MNIST (http://yann.lecun.com/exdb/mnist/), plain or gzip-compressed:
/// a big-endian header (two zero bytes, a type code, the number of dimensions, then each
/// dimension as a 32-bit integer) followed by the values. Every malformation is reported as a
/// <see cref="VaeException"/> naming the file; memory is never allocated for more values than the
/// file actually holds.
/// </summary>
public static class IdxReader
{
    const long MaxValues = int.MaxValue;

    /// <summary>Reads the file at <paramref name="path"/>; every value is divided by <paramref name="divisor"/> as it is decoded (MNIST's pixels by 255).</summary>
    public static IdxArray Read(string path, float divisor = 1f)
    {
        if (!File.Exists(path)) throw new VaeException($"{path}: file not found.");
        using var file = File.OpenRead(path);
        return Read(file, path, divisor);
    }

    public static IdxArray Read(Stream stream, string name, float divisor = 1f)
    {
        Stream input = stream;
        var head = new byte[2];
        int got = ReadUpTo(stream, head);
        bool gzip = got == 2 && head[0] == 0x1f && head[1] == 0x8b;
        input = new PrefixedStream(head.AsMemory(0, got), stream);
        if (gzip) input = new GZipStream(input, CompressionMode.Decompress);
        try
        {
            long? length = stream.CanSeek ? stream.Length : null;
            return ReadIdx(input, name, gzip ? null : length, gzip ? length : null, divisor);
        }
        catch (VaeException e) when (gzip && e.Message.Contains("truncated", StringComparison.Ordinal))
        {
            throw new VaeException(e.Message.TrimEnd('.') + " (the gzip stream ends early: an incomplete download?).");
        }
        catch (VaeException e) when (!gzip && name.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
        {
            throw new VaeException($"{name}: named .gz but not gzip-compressed, and not a valid plain IDX file either ({e.Message[(name.Length + 2)..].TrimEnd('.')}).");
        }
        catch (InvalidDataException e)
        {
            throw new VaeException($"{name}: the gzip data is corrupt ({e.Message}).");
        }
        catch (EndOfStreamException)
        {
            throw new VaeException($"{name}: the gzip stream ends early (truncated download?).");
        }
    }

    static IdxArray ReadIdx(Stream input, string name, long? fileLength, long? compressedLength, float divisor)
    {
        var magic = new byte[4];
        if (ReadUpTo(input, magic) < 4) throw new VaeException($"{name}: too short to be an IDX file (no 4-byte header).");
        if (magic[0] != 0 || magic[1] != 0)
            throw new VaeException($"{name}: not an IDX file (the magic number must start with two zero bytes; found 0x{magic[0]:x2}{magic[1]:x2}).");
        byte type = magic[2];
        int size = type switch { 0x08 or 0x09 => 1, 0x0B => 2, 0x0C or 0x0D => 4, 0x0E => 8, _ => 0 };
        if (size == 0) throw new VaeException($"{name}: unknown IDX type code 0x{type:x2} (expected 08, 09, 0B, 0C, 0D or 0E).");
        int rank = magic[3];
        if (rank < 1 || rank > 8) throw new VaeException($"{name}: IDX header declares {rank} dimensions (1 to 8 are supported).");

        var dimBytes = new byte[4 * rank];
        if (ReadUpTo(input, dimBytes) < dimBytes.Length) throw new VaeException($"{name}: truncated IDX header.");
        var dims = new int[rank];
        long count = 1;
        for (int i = 0; i < rank; i++)
        {
            uint d = BinaryPrimitives.ReadUInt32BigEndian(dimBytes.AsSpan(4 * i));
            if (d == 0 || d > int.MaxValue) throw new VaeException($"{name}: IDX dimension {i} is {d} (must be between 1 and {int.MaxValue}).");
            dims[i] = (int)d;
            count *= d;
            if (count > MaxValues) throw new VaeException($"{name}: IDX header claims more than {MaxValues} values; refusing to read.");
        }
        long dataBytes = count * size;
        long headerBytes = 4 + 4L * rank;
        if (fileLength is long len && len != headerBytes + dataBytes)
            throw new VaeException(len < headerBytes + dataBytes
                ? $"{name}: truncated: the header promises {Describe(dims)} ({dataBytes} bytes of data) but the file holds {len - headerBytes}."
                : $"{name}: the header promises {Describe(dims)} ({dataBytes} bytes of data) but the file has {len - headerBytes - dataBytes} bytes more.");

        var values = ReadValues(input, type, size, (int)count, fileLength is null ? GzipBound(compressedLength, size) : count, divisor, name, dims);
        if (input.ReadByte() >= 0)
            throw new VaeException($"{name}: the file holds more data than its header's {Describe(dims)}.");
        return new IdxArray(dims, type, values);
    }

    // The most values a gzip member of this many bytes can expand to (deflate's best ratio is 1032:1),
    // so a header that lies about its size cannot make us allocate memory the file could not back.
    static long? GzipBound(long? compressedLength, int size) => compressedLength is long c ? c * 1032 / size : null;

    // Decodes the values a chunk at a time straight into the result (each value divided by divisor). The result is
    // allocated whole when the file can hold what the header promises, and otherwise grown as data
    // arrives. No copy of the raw bytes is kept: for 60,000 gzip-compressed 28×28 images that is 47 MB
    // (and its doublings while growing) less fresh memory, which this machine pays for in page faults.
    static float[] ReadValues(Stream input, byte type, int size, int count, long? canHold, float divisor, string name, int[] dims)
    {
        const int chunk = 1 << 20;
        var values = new float[canHold is long h && h >= count ? count : Math.Min(count, chunk)];
        var bytes = new byte[chunk];
        int carry = 0, filled = 0;
        while (filled < count)
        {
            int want = (int)Math.Min(chunk - carry, (long)(count - filled) * size - carry);
            int r = input.Read(bytes, carry, want);
            if (r == 0)
                throw new VaeException($"{name}: truncated: the header promises {Describe(dims)} ({(long)count * size} bytes of data) but only {(long)filled * size + carry} follow.");
            int have = carry + r, whole = have / size;
            if (filled + whole > values.Length) Array.Resize(ref values, (int)Math.Min(count, Math.Max(2L * values.Length, filled + whole)));
            Convert(bytes.AsSpan(0, whole * size), type, values.AsSpan(filled, whole), divisor);
            filled += whole;
            carry = have - whole * size;
            bytes.AsSpan(whole * size, carry).CopyTo(bytes);
        }
        return values;
    }

    static void Convert(ReadOnlySpan<byte> span, byte type, Span<float> values, float divisor)
    {
        int count = values.Length;
        switch (type)
        {
            case 0x08: for (int i = 0; i < count; i++) values[i] = span[i] / divisor; break;
            case 0x09: for (int i = 0; i < count; i++) values[i] = (sbyte)span[i] / divisor; break;
            case 0x0B: for (int i = 0; i < count; i++) values[i] = BinaryPrimitives.ReadInt16BigEndian(span[(2 * i)..]) / divisor; break;
            case 0x0C: for (int i = 0; i < count; i++) values[i] = BinaryPrimitives.ReadInt32BigEndian(span[(4 * i)..]) / divisor; break;
            case 0x0D: for (int i = 0; i < count; i++) values[i] = BinaryPrimitives.ReadSingleBigEndian(span[(4 * i)..]) / divisor; break;
            default: for (int i = 0; i < count; i++) values[i] = (float)BinaryPrimitives.ReadDoubleBigEndian(span[(8 * i)..]) / divisor; break;
        }
    }

    static string Describe(int[] dims) => string.Join(" x ", dims);

    static int ReadUpTo(Stream s, byte[] buffer)
    {
        int filled = 0;
        while (filled < buffer.Length)
        {
            int r = s.Read(buffer, filled, buffer.Length - filled);
            if (r == 0) break;
            filled += r;
        }
        return filled;
    }

    /// <summary>A stream that replays a few bytes already read before continuing with the source.</summary>
    sealed class PrefixedStream(ReadOnlyMemory<byte> prefix, Stream source) : Stream
    {
        int position;
        public override int Read(byte[] buffer, int offset, int count)
        {
            if (position < prefix.Length)
            {
                int n = Math.Min(count, prefix.Length - position);
                prefix.Span.Slice(position, n).CopyTo(buffer.AsSpan(offset, n));
                position += n;
                return n;
            }
            return source.Read(buffer, offset, count);
        }
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
