using System.Globalization;
using System.Text;

namespace Vae.Data.Shards;

/// <summary>
/// The NPY format (version 1.0) for little-endian float32 matrices and int32 vectors: the magic
/// "\x93NUMPY", version bytes, a 2-byte header length, a Python-dict header padded with spaces to a
/// multiple of 64 bytes, then the raw C-order data. numpy.load reads these files.
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

    /// <summary>The header of an NPY file: dtype, shape and where the data starts.</summary>
    public sealed record Header(string Dtype, long[] Shape, long DataOffset);

    public static Header ReadHeader(Stream stream, string name)
    {
        var prefix = new byte[10];
        if (stream.Read(prefix, 0, 10) != 10 || !prefix.AsSpan(0, 6).SequenceEqual(Magic))
            throw new VaeException($"{name}: not an NPY file.");
        if (prefix[6] != 1) throw new VaeException($"{name}: NPY version {prefix[6]}.{prefix[7]} is not supported (1.0 is).");
        int length = prefix[8] | prefix[9] << 8;
        var header = new byte[length];
        if (stream.Read(header, 0, length) != length) throw new VaeException($"{name}: truncated NPY header.");
        string text = Encoding.ASCII.GetString(header);
        string dtype = Field(text, "descr", name).Trim('\'', ' ');
        if (Field(text, "fortran_order", name).Trim() != "False") throw new VaeException($"{name}: Fortran-order arrays are not supported.");
        string shapeText = Field(text, "shape", name).Trim().TrimStart('(').TrimEnd(')');
        var shape = shapeText.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out long v) && v >= 0 ? v : throw new VaeException($"{name}: bad NPY shape '{shapeText}'.")).ToArray();
        return new Header(dtype, shape, 10 + length);
    }

    static string Field(string header, string key, string name)
    {
        int k = header.IndexOf($"'{key}'", StringComparison.Ordinal);
        if (k < 0) throw new VaeException($"{name}: NPY header has no '{key}'.");
        int colon = header.IndexOf(':', k);
        int end = key == "shape" ? header.IndexOf(')', colon) + 1 : header.IndexOf(',', colon);
        if (colon < 0 || end <= colon) throw new VaeException($"{name}: malformed NPY header.");
        return header[(colon + 1)..end];
    }
}
