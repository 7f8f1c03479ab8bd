using System.Text;

namespace Vae.Data.Shards;

/// <summary>
/// The NPY format: the magic "\x93NUMPY", version bytes, a 2-byte (version 1.0) or 4-byte (2.0, 3.0)
/// header length, a Python-dict header padded with spaces to a multiple of 64 bytes, then the raw data.
/// Writes version 1.0 little-endian float32 matrices and int32 vectors (numpy.load reads them); reads
/// the header of any version (the NumPy data source, <see cref="NumPy.NpyArray"/>, reads every numeric dtype).
/// </summary>
public static class NpyFile
{
    static readonly byte[] Magic = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    public static void WriteFloat32(Stream stream, ReadOnlySpan<float> values, int rows, int columns)
    {
        WriteHeader(stream, "<f4", rows == 0 && columns == 0 ? "()" : $"({rows}, {columns})");
        stream.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values));
    }

    public static void WriteInt32(Stream stream, ReadOnlySpan<int> values)
    {
        WriteHeader(stream, "<i4", $"({values.Length},)");
        stream.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values));
    }

    static void WriteHeader(Stream stream, string dtype, string shape)
    {
        string dict = $"{{'descr': '{dtype}', 'fortran_order': False, 'shape': {shape}, }}";
        int unpadded = Magic.Length + 2 + 2 + dict.Length + 1;
        int padding = (64 - unpadded % 64) % 64;
        string header = dict + new string(' ', padding) + "\n";
        stream.Write(Magic);
        stream.WriteByte(1);
        stream.WriteByte(0);
        stream.WriteByte((byte)(header.Length & 0xff));
        stream.WriteByte((byte)(header.Length >> 8));
        stream.Write(Encoding.ASCII.GetBytes(header));
    }

    /// <summary>The header of an NPY file: dtype (e.g. <c>&lt;f4</c>), shape, memory order and where the data starts.</summary>
    public sealed record Header(string Dtype, long[] Shape, long DataOffset, bool FortranOrder = false, int Version = 1);

    /// <summary>The longest header accepted (numpy's own reader stops at 10,000 bytes by default).</summary>
    const int MaxHeaderLength = 1 << 16;

    /// <summary>
    /// Reads an NPY header, versions 1.0 (2-byte length), 2.0 (4-byte length) and 3.0 (UTF-8 header),
    /// from the stream's current position; <see cref="Header.DataOffset"/> counts from that position.
    /// The dtype is returned as written; the caller decides which it accepts.
    /// </summary>
    public static Header ReadHeader(Stream stream, string name)
    {
        var prefix = new byte[12];
        if (stream.ReadAtLeast(prefix.AsMemory(0, 8).Span, 8, throwOnEndOfStream: false) != 8 || !prefix.AsSpan(0, 6).SequenceEqual(Magic))
            throw new VaeException($"{name}: not an NPY file (it must start with \\x93NUMPY).");
        int major = prefix[6];
        if (major is not (1 or 2 or 3)) throw new VaeException($"{name}: NPY version {prefix[6]}.{prefix[7]} is not supported (1.0, 2.0 and 3.0 are).");
        int lengthBytes = major == 1 ? 2 : 4;
        if (stream.ReadAtLeast(prefix.AsSpan(8, lengthBytes), lengthBytes, throwOnEndOfStream: false) != lengthBytes)
            throw new VaeException($"{name}: truncated NPY header.");
        long length = major == 1 ? prefix[8] | prefix[9] << 8 : System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(prefix.AsSpan(8));
        if (length > MaxHeaderLength) throw new VaeException($"{name}: the NPY header claims {length} bytes (at most {MaxHeaderLength} are accepted).");
        var header = new byte[length];
        if (stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false) != length) throw new VaeException($"{name}: truncated NPY header.");
        string text = major == 3 ? Encoding.UTF8.GetString(header) : Encoding.Latin1.GetString(header);
        var dict = NpyHeaderText.Parse(text, name);
        string dtype = dict.TryGetValue("descr", out var d) && d is string s ? s
            : d is not null ? throw new VaeException($"{name}: a structured dtype (record fields) is not supported; save a plain numeric array.")
            : throw new VaeException($"{name}: NPY header has no 'descr'.");
        bool fortran = dict.TryGetValue("fortran_order", out var f) && f is bool b ? b : throw new VaeException($"{name}: NPY header has no 'fortran_order' (True or False).");
        var shape = dict.TryGetValue("shape", out var sh) && sh is long[] dims ? dims : throw new VaeException($"{name}: NPY header has no 'shape' tuple.");
        return new Header(dtype, shape, 8 + lengthBytes + length, fortran, major);
    }
}
