using System.Buffers.Binary;
using System.IO.Compression;
using Vae.IO;

namespace Vae.Applications.Robotics;

/// <summary>Writes unsigned-byte arrays in MNIST's IDX format (type 0x08), gzip-compressed, atomically.</summary>
public static class IdxWriter
{
    public static void WriteBytes(string path, int[] dimensions, byte[] values)
    {
        long count = dimensions.Aggregate(1L, (a, d) => a * d);
        if (count != values.Length) throw new ArgumentException($"{values.Length} values for dimensions {string.Join("x", dimensions)}.", nameof(values));
        AtomicFile.Write(path, stream =>
        {
            using var gzip = new GZipStream(stream, CompressionLevel.Fastest, leaveOpen: true);
            var header = new byte[4 + 4 * dimensions.Length];
            header[2] = 0x08;
            header[3] = (byte)dimensions.Length;
            for (int i = 0; i < dimensions.Length; i++) BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4 + 4 * i), dimensions[i]);
            gzip.Write(header);
            gzip.Write(values);
        });
    }
}
