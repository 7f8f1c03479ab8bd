using System.Buffers.Binary;

namespace Vae.Data.Tables;

/// <summary>
/// Walks Thrift compact-protocol structs (a Parquet footer, a page header) without interpreting them:
/// every length and element count must fit in the bytes that remain, so the walk always ends. Parquet.Net's
/// own parser trusts those counts, and a damaged footer can keep it skipping the same bytes for minutes.
/// </summary>
static class ThriftCompactCheck
{
    /// <summary>Checks the footer of a Parquet file: PAR1 at both ends, its length, and that it parses as Thrift.</summary>
    public static void CheckParquetFooter(Stream stream, string path)
    {
        long size = stream.Length;
        if (size < 12) throw new VaeException($"{path}: not a Parquet file ({size} bytes; it must start and end with PAR1).");
        Span<byte> tail = stackalloc byte[8];
        stream.Position = size - 8;
        stream.ReadExactly(tail);
        if (!tail[4..].SequenceEqual("PAR1"u8)) throw new VaeException($"{path}: not a Parquet file (it must end with PAR1; truncated?).");
        long length = BinaryPrimitives.ReadUInt32LittleEndian(tail);
        if (length == 0 || length > size - 12) throw new VaeException($"{path}: the Parquet footer claims {length} bytes; the file has {size}.");
        var footer = new byte[length];
        stream.Position = size - 8 - length;
        stream.ReadExactly(footer);
        stream.Position = 0;
        int at = 0;
        if (!Struct(footer, ref at, 0)) throw new VaeException($"{path}: byte {size - 8 - length + at}: the Parquet footer is damaged (malformed Thrift metadata).");
    }

    static bool Struct(ReadOnlySpan<byte> b, ref int at, int depth)
    {
        if (depth > 64) return false;
        while (true)
        {
            if (at >= b.Length) return false;
            byte header = b[at++];
            if (header == 0) return true;
            int type = header & 0x0F;
            if (header >> 4 == 0 && !Varint(b, ref at, out _)) return false;
            if (type is 1 or 2) continue;                                   // booleans live in the field header
            if (!Value(b, ref at, type, depth)) return false;
        }
    }

    static bool Value(ReadOnlySpan<byte> b, ref int at, int type, int depth)
    {
        switch (type)
        {
            case 1 or 2 or 3: at++; return at <= b.Length;                  // a bool element of a list, or a byte
            case 4 or 5 or 6: return Varint(b, ref at, out _);
            case 7: at += 8; return at <= b.Length;
            case 8:
                if (!Varint(b, ref at, out ulong n) || n > (ulong)(b.Length - at)) return false;
                at += (int)n;
                return true;
            case 9 or 10:
            {
                if (at >= b.Length) return false;
                byte h = b[at++];
                ulong count = (ulong)(h >> 4);
                if (count == 15 && !Varint(b, ref at, out count)) return false;
                if (count > (ulong)(b.Length - at)) return false;               // every element takes a byte at least
                for (ulong i = 0; i < count; i++) if (!Value(b, ref at, h & 0x0F, depth + 1)) return false;
                return true;
            }
            case 11:
            {
                if (!Varint(b, ref at, out ulong count)) return false;
                if (count == 0) return true;
                if (at >= b.Length || count > (ulong)(b.Length - at)) return false;
                byte kv = b[at++];
                for (ulong i = 0; i < count; i++)
                    if (!Value(b, ref at, kv >> 4, depth + 1) || !Value(b, ref at, kv & 0x0F, depth + 1)) return false;
                return true;
            }
            case 12: return Struct(b, ref at, depth + 1);
            default: return false;
        }
    }

    static bool Varint(ReadOnlySpan<byte> b, ref int at, out ulong value)
    {
        value = 0;
        for (int shift = 0; shift < 64; shift += 7)
        {
            if (at >= b.Length) return false;
            byte x = b[at++];
            value |= (ulong)(x & 0x7F) << shift;
            if ((x & 0x80) == 0) return true;
        }
        return false;
    }
}
