using System.Buffers.Binary;
using System.IO.Compression;
using Vae.IO;

namespace Vae.Data;

/// <summary>
/// Writes an IDX file of unsigned bytes (type 0x08, MNIST's format; <see cref="IdxReader"/> reads it
/// back), gzip-compressed (fastest level) when the file name ends in <c>.gz</c>. The header goes out
/// at construction; values follow in any number of <see cref="Write(ReadOnlySpan{byte})"/> calls, so a
/// large file never has to be held in memory. <see cref="WriteFile"/> writes a whole array atomically.
/// </summary>
public sealed class IdxWriter : IDisposable
{
    readonly Stream? owned;     // the file stream this writer opened (disposed with it)
    readonly Stream? gzip;      // the compressing wrapper, if any
    readonly Stream output;
    readonly long expected;
    long written;

    /// <summary>Writes to <paramref name="stream"/> (left open), compressed if <paramref name="gzip"/>.</summary>
    public IdxWriter(Stream stream, bool gzip, params int[] dimensions) : this(stream, gzip, owns: false, dimensions) { }

    IdxWriter(Stream stream, bool gzip, bool owns, int[] dimensions)
    {
        if (owns) owned = stream;
        if (gzip) this.gzip = new GZipStream(stream, CompressionLevel.Fastest, leaveOpen: !owns);
        output = this.gzip ?? stream;
        var header = new byte[4 + 4 * dimensions.Length];
        header[2] = 0x08;
        header[3] = (byte)dimensions.Length;
        for (int i = 0; i < dimensions.Length; i++) BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4 + 4 * i), dimensions[i]);
        output.Write(header);
        expected = dimensions.Aggregate(1L, (p, d) => p * d);
    }

    /// <summary>A new file at <paramref name="path"/> (which must not exist), written as the values arrive.</summary>
    public static IdxWriter Create(string path, params int[] dimensions) =>
        new(new FileStream(path, FileMode.CreateNew, FileAccess.Write), IsGzip(path), owns: true, dimensions);

    /// <summary>Writes the whole file at once, atomically (a reader never sees half of it).</summary>
    public static void WriteFile(string path, int[] dimensions, byte[] values)
    {
        long count = dimensions.Aggregate(1L, (a, d) => a * d);
        if (count != values.Length) throw new ArgumentException($"{values.Length} values for dimensions {string.Join("x", dimensions)}.", nameof(values));
        AtomicFile.Write(path, stream =>
        {
            using var writer = new IdxWriter(stream, IsGzip(path), dimensions);
            writer.Write(values);
        });
    }

    public void Write(ReadOnlySpan<byte> values)
    {
        if (written + values.Length > expected) throw new InvalidOperationException("more values than the header declares.");
        output.Write(values);
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
        gzip?.Dispose();   // flushes the compressed stream; a caller's stream stays open
        owned?.Dispose();
    }

    static bool IsGzip(string path) => path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase);
}
