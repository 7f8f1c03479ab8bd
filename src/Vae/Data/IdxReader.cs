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

    public static IdxArray Read(string path)
    {
        if (!File.Exists(path)) throw new VaeException($"{path}: file not found.");
        using var file = File.OpenRead(path);
        return Read(file, path);
    }

    public static IdxArray Read(Stream stream, string name)
    {
        Stream input = stream;
        var head = new byte[2];
        int got = ReadUpTo(stream, head);
        bool gzip = got == 2 && head[0] == 0x1f && head[1] == 0x8b;
        input = new PrefixedStream(head.AsMemory(0, got), stream);
        if (gzip) input = new GZipStream(input, CompressionMode.Decompress);
        try
        {
            return ReadIdx(input, name, gzip ? null : stream.CanSeek ? stream.Length : null);
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

    static IdxArray ReadIdx(Stream input, string name, long? fileLength)
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

        var raw = ReadExactly(input, dataBytes, name, dims);
        if (input.ReadByte() >= 0)
            throw new VaeException($"{name}: the file holds more data than its header's {Describe(dims)}.");
        return new IdxArray(dims, type, Convert(raw, type, (int)count));
    }

    // Reads exactly n bytes, growing the buffer only as data arrives, so a header that lies about
    // its size cannot make us allocate memory the file does not back.
    static byte[] ReadExactly(Stream input, long n, string name, int[] dims)
    {
        const int chunk = 1 << 20;
        var buffer = new byte[Math.Min(n, chunk)];
        long filled = 0;
        while (filled < n)
        {
            if (filled == buffer.Length) Array.Resize(ref buffer, (int)Math.Min(n, Math.Max(buffer.Length * 2L, chunk)));
            int r = input.Read(buffer, (int)filled, (int)(buffer.Length - filled));
            if (r == 0) throw new VaeException($"{name}: truncated: the header promises {Describe(dims)} ({n} bytes of data) but only {filled} follow.");
            filled += r;
        }
        return buffer;
    }

    static float[] Convert(byte[] raw, byte type, int count)
    {
        var values = new float[count];
        var span = raw.AsSpan();
        switch (type)
        {
            case 0x08: for (int i = 0; i < count; i++) values[i] = raw[i]; break;
            case 0x09: for (int i = 0; i < count; i++) values[i] = (sbyte)raw[i]; break;
            case 0x0B: for (int i = 0; i < count; i++) values[i] = BinaryPrimitives.ReadInt16BigEndian(span[(2 * i)..]); break;
            case 0x0C: for (int i = 0; i < count; i++) values[i] = BinaryPrimitives.ReadInt32BigEndian(span[(4 * i)..]); break;
            case 0x0D: for (int i = 0; i < count; i++) values[i] = BinaryPrimitives.ReadSingleBigEndian(span[(4 * i)..]); break;
            default: for (int i = 0; i < count; i++) values[i] = (float)BinaryPrimitives.ReadDoubleBigEndian(span[(8 * i)..]); break;
        }
        return values;
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
