using System.Buffers.Binary;
using System.IO.Compression;

namespace Vae.Applications.Disentanglement;

/// <summary>Writes an IDX file of unsigned bytes (MNIST's format), gzip-compressed, row by row without holding it in memory.</summary>
public sealed class IdxStreamWriter : IDisposable
{
    readonly FileStream file;
    readonly GZipStream gzip;
    readonly long expected;
    long written;

    public IdxStreamWriter(string path, params int[] dimensions)
    {
        file = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
        gzip = new GZipStream(file, CompressionLevel.Fastest);
        var header = new byte[4 + 4 * dimensions.Length];
        header[2] = 0x08;
        header[3] = (byte)dimensions.Length;
        for (int i = 0; i < dimensions.Length; i++) BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4 + 4 * i), dimensions[i]);
        gzip.Write(header);
        expected = dimensions.Aggregate(1L, (p, d) => p * d);
    }

    public void Write(ReadOnlySpan<byte> values)
    {
        if (written + values.Length > expected) throw new InvalidOperationException("more values than the header declares.");
        gzip.Write(values);
        written += values.Length;
    }

    /// <summary>Values in [0, 1] as bytes round(255·v).</summary>
    public void Write(ReadOnlySpan<float> values)
    {
        var bytes = new byte[values.Length];
        for (int i = 0; i < values.Length; i++) bytes[i] = (byte)Math.Clamp((int)MathF.Round(values[i] * 255f), 0, 255);
        Write(bytes);
    }

    /// <summary>Checks that exactly the declared number of values was written (call before disposing a complete file).</summary>
    public void Finish()
    {
        if (written != expected) throw new InvalidOperationException($"wrote {written} values, the header declares {expected}.");
    }

    public void Dispose()
    {
        gzip.Dispose();
        file.Dispose();
    }
}
