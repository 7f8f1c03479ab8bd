using System.Buffers;
using System.Buffers.Binary;
using Apache.Arrow.Memory;

namespace Vae.Data.Tables;

/// <summary>
/// Checks the framing of an Arrow IPC stream before Apache.Arrow reads it: every message's metadata
/// length and body length (from the flatbuffer Message table) must lie within the file. Apache.Arrow
/// trusts these lengths and allocates what they claim, so a damaged file could otherwise ask for
/// gigabytes; with the framing checked, the reader's buffers are bounded by the file's size.
/// </summary>
static class ArrowIpcFraming
{
    /// <summary>Checks the messages of the stream that starts at <paramref name="start"/>; it must end with the end-of-stream marker or the data's end.</summary>
    public static void Check(ReadOnlySpan<byte> data, int start, string path)
    {
        int p = start;
        for (int m = 0; p + 4 <= data.Length; m++)
        {
            int at = p;
            int length = BinaryPrimitives.ReadInt32LittleEndian(data[p..]);
            p += 4;
            if (length == -1)
            {
                if (p + 4 > data.Length) return;
                length = BinaryPrimitives.ReadInt32LittleEndian(data[p..]);
                p += 4;
            }
            if (length == 0) return;
            if (length < 0 || length > data.Length - p)
                throw new VaeException($"{path}: byte {at}: Arrow message {m} claims {length} bytes of metadata; the file has {data.Length - p} left.");
            long body = BodyLength(data.Slice(p, length), path, at, m);
            p += length;
            if (body < 0 || body > data.Length - p)
                throw new VaeException($"{path}: byte {at}: Arrow message {m} claims a {body}-byte body; the file has {data.Length - p} bytes left.");
            p += (int)body;
        }
    }

    /// <summary>
    /// Checks the footer of the file format (<c>ARROW1</c>, the messages, the footer, its int32 length,
    /// <c>ARROW1</c>): its length, and that every dictionary and record-batch block it lists lies within the file.
    /// </summary>
    public static void CheckFooter(ReadOnlySpan<byte> data, string path)
    {
        if (data.Length < 18 || !data[^6..].SequenceEqual("ARROW1"u8)) throw new VaeException($"{path}: an Arrow file without its closing ARROW1 magic (truncated?).");
        int length = BinaryPrimitives.ReadInt32LittleEndian(data[^10..]);
        if (length <= 0 || length > data.Length - 18) throw new VaeException($"{path}: the Arrow footer claims {length} bytes; the file has {data.Length} in all.");
        var footer = data.Slice(data.Length - 10 - length, length);
        var bad = new VaeException($"{path}: byte {data.Length - 10 - length}: malformed Arrow footer.");
        foreach (int field in new[] { 2, 3 })
        {
            long vector = FieldPosition(footer, 0, field, bad);
            if (vector < 0) continue;
            if (vector + 4 > footer.Length) throw bad;
            vector += BinaryPrimitives.ReadUInt32LittleEndian(footer[(int)vector..]);
            if (vector + 4 > footer.Length) throw bad;
            long count = BinaryPrimitives.ReadUInt32LittleEndian(footer[(int)vector..]);
            if (vector + 4 + 24 * count > footer.Length) throw bad;
            for (int b = 0; b < count; b++)
            {
                var block = footer.Slice((int)vector + 4 + 24 * b, 24);
                long offset = BinaryPrimitives.ReadInt64LittleEndian(block), meta = BinaryPrimitives.ReadInt32LittleEndian(block[8..]), body = BinaryPrimitives.ReadInt64LittleEndian(block[16..]);
                if (offset < 8 || meta < 8 || body < 0 || offset > data.Length || meta > data.Length - offset || body > data.Length - offset - meta)
                    throw new VaeException($"{path}: the Arrow footer lists a block at byte {offset} ({meta} + {body} bytes) outside the file's {data.Length} bytes.");
                Check(data[..(int)(offset + meta + body)], (int)offset, path);
            }
        }
    }

    /// <summary>Where field <paramref name="field"/> of the table at <paramref name="at"/> (0: the root table) is, or -1 when absent.</summary>
    static long FieldPosition(ReadOnlySpan<byte> fb, long at, int field, VaeException bad)
    {
        if (fb.Length < 8 || at < 0 || at + 4 > fb.Length) throw bad;
        long table = at == 0 ? BinaryPrimitives.ReadUInt32LittleEndian(fb) : at;
        if (table + 4 > fb.Length) throw bad;
        long vtable = table - BinaryPrimitives.ReadInt32LittleEndian(fb[(int)table..]);
        if (vtable < 0 || vtable + 4 > fb.Length) throw bad;
        int vsize = BinaryPrimitives.ReadUInt16LittleEndian(fb[(int)vtable..]);
        int entry = 4 + 2 * field;
        if (entry + 2 > vsize) return -1;
        if (vtable + entry + 2 > fb.Length) throw bad;
        int offset = BinaryPrimitives.ReadUInt16LittleEndian(fb[(int)(vtable + entry)..]);
        return offset == 0 ? -1 : table + offset;
    }

    /// <summary>The table an offset field points to (-1 when absent).</summary>
    static long Table(ReadOnlySpan<byte> fb, long at, int field, VaeException bad)
    {
        long position = FieldPosition(fb, at, field, bad);
        if (position < 0) return -1;
        if (position + 4 > fb.Length) throw bad;
        long table = position + BinaryPrimitives.ReadUInt32LittleEndian(fb[(int)position..]);
        return table + 4 <= fb.Length ? table : throw bad;
    }

    /// <summary>A record batch's (or a dictionary batch's) field-node and buffer vectors must fit in the metadata: Apache.Arrow sizes lists by their counts.</summary>
    static void CheckBatchVectors(ReadOnlySpan<byte> fb, VaeException bad)
    {
        long header = Table(fb, 0, 2, bad);
        if (header < 0) return;
        int type = FieldPosition(fb, 0, 1, bad) is var t and >= 0 && t < fb.Length ? fb[(int)t] : 0;
        long batch = type == 3 ? header : type == 2 ? Table(fb, header, 1, bad) : -1;
        if (batch < 0) return;
        foreach (int field in new[] { 1, 2 })
        {
            long position = FieldPosition(fb, batch, field, bad);
            if (position < 0) continue;
            if (position + 4 > fb.Length) throw bad;
            long vector = position + BinaryPrimitives.ReadUInt32LittleEndian(fb[(int)position..]);
            if (vector + 4 > fb.Length || vector + 4 + 16L * BinaryPrimitives.ReadUInt32LittleEndian(fb[(int)vector..]) > fb.Length) throw bad;
        }
    }

    // The Message table: a root offset to the table, whose first word points back to its vtable; field 3 is bodyLength (int64).
    static long BodyLength(ReadOnlySpan<byte> fb, string path, int at, int m)
    {
        var bad = new VaeException($"{path}: byte {at}: Arrow message {m} has malformed metadata.");
        CheckBatchVectors(fb, bad);
        long position = FieldPosition(fb, 0, 3, bad);
        if (position < 0) return 0;
        if (position + 8 > fb.Length) throw bad;
        return BinaryPrimitives.ReadInt64LittleEndian(fb[(int)position..]);
    }
}

/// <summary>Apache.Arrow's allocator with a ceiling: a decompressed buffer larger than <paramref name="cap"/> bytes is an error, not an allocation.</summary>
sealed class CappedAllocator(long cap, string path) : MemoryAllocator
{
    readonly MemoryAllocator inner = new NativeMemoryAllocator();

    protected override IMemoryOwner<byte> AllocateInternal(int length, out int bytesAllocated)
    {
        if (length < 0 || length > cap) throw new VaeException($"{path}: an Arrow buffer claims {length} bytes, more than a file of this size can hold (at most {cap}).");
        bytesAllocated = length;
        return inner.Allocate(length);
    }
}
