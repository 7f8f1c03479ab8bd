using System.Buffers.Binary;

namespace Vae.IO.TensorBoard;

/// <summary>
/// TFRecord framing (TensorFlow's record format, which TensorBoard event files use): for each record,
/// uint64 length (little-endian), uint32 masked CRC-32C of those 8 bytes, the data, uint32 masked CRC-32C of the data.
/// </summary>
public static class TfRecord
{
    /// <summary>One framed record, ready to append to a file in a single write.</summary>
    public static byte[] Frame(ReadOnlySpan<byte> data)
    {
        var record = new byte[data.Length + 16];
        BinaryPrimitives.WriteUInt64LittleEndian(record, (ulong)data.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(record.AsSpan(8), Crc32C.Masked(record.AsSpan(0, 8)));
        data.CopyTo(record.AsSpan(12));
        BinaryPrimitives.WriteUInt32LittleEndian(record.AsSpan(12 + data.Length), Crc32C.Masked(data));
        return record;
    }
}
