using System.Buffers.Binary;
using System.Text;

namespace Vae.Tests.Training.TensorBoard;

/// <summary>
/// A TensorBoard event-file reader written for the tests, independent of the writer: TFRecord framing with a
/// bit-at-a-time CRC-32C (not the writer's hardware instruction), and a protobuf wire-format parser for the fields of
/// tensorboard/compat/proto/event.proto, summary.proto and histogram.proto that the writer uses.
/// </summary>
public static class EventFileReader
{
    public sealed record Histo(double Min, double Max, double Num, double Sum, double SumSquares, List<double> Limits, List<double> Buckets);
    public sealed record Image(int Width, int Height, int Colorspace, byte[] Encoded);
    public sealed record Value(string Tag, float? Simple, Image? Image, Histo? Histo);
    public sealed record Event(double WallTime, long Step, string? FileVersion, int? SessionStatus, List<Value> Values);

    /// <summary>CRC-32C one bit at a time, straight from the polynomial (reflected 0x82F63B78).</summary>
    public static uint ReferenceCrc32C(ReadOnlySpan<byte> data)
    {
        uint crc = 0xFFFFFFFF;
        foreach (byte b in data)
        {
            crc ^= b;
            for (int k = 0; k < 8; k++) crc = (crc & 1) != 0 ? (crc >> 1) ^ 0x82F63B78u : crc >> 1;
        }
        return ~crc;
    }

    static uint Masked(ReadOnlySpan<byte> data)
    {
        uint c = ReferenceCrc32C(data);
        return ((c >> 15) | (c << 17)) + 0xA282EAD8u;
    }

    /// <summary>Every record's data, with both CRCs checked; throws on a bad frame.</summary>
    public static List<byte[]> Records(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var records = new List<byte[]>();
        for (int at = 0; at < bytes.Length;)
        {
            if (bytes.Length - at < 16) throw new InvalidDataException($"{path}: {bytes.Length - at} stray bytes at {at}");
            ulong length = BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(at));
            if (Masked(bytes.AsSpan(at, 8)) != BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(at + 8))) throw new InvalidDataException($"{path}: length CRC at {at}");
            if (length > (ulong)(bytes.Length - at - 16)) throw new InvalidDataException($"{path}: record at {at} runs past the end");
            var data = bytes.AsSpan(at + 12, (int)length);
            if (Masked(data) != BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(at + 12 + (int)length))) throw new InvalidDataException($"{path}: data CRC at {at}");
            records.Add(data.ToArray());
            at += 16 + (int)length;
        }
        return records;
    }

    public static List<Event> Read(string path) => Records(path).Select(ParseEvent).ToList();

    static Event ParseEvent(byte[] data)
    {
        double wall = 0; long step = 0; string? version = null; int? status = null; var values = new List<Value>();
        foreach (var (field, wire, number, bytes) in Fields(data))
            switch (field)
            {
                case 1 when wire == 1: wall = BitConverter.Int64BitsToDouble((long)number); break;
                case 2 when wire == 0: step = (long)number; break;
                case 3 when wire == 2: version = Encoding.UTF8.GetString(bytes); break;
                case 5 when wire == 2: values.AddRange(Fields(bytes).Where(f => f.Field == 1).Select(f => ParseValue(f.Bytes))); break;
                case 7 when wire == 2: status = (int)(Fields(bytes).FirstOrDefault(f => f.Field == 1).Number); break;
            }
        return new Event(wall, step, version, status, values);
    }

    static Value ParseValue(byte[] data)
    {
        string tag = ""; float? simple = null; Image? image = null; Histo? histo = null;
        foreach (var (field, wire, number, bytes) in Fields(data))
            switch (field)
            {
                case 1: tag = Encoding.UTF8.GetString(bytes); break;
                case 2 when wire == 5: simple = BitConverter.Int32BitsToSingle((int)number); break;
                case 4: image = ParseImage(bytes); break;
                case 5: histo = ParseHisto(bytes); break;
            }
        return new Value(tag, simple, image, histo);
    }

    static Image ParseImage(byte[] data)
    {
        int w = 0, h = 0, c = 0; byte[] encoded = [];
        foreach (var (field, _, number, bytes) in Fields(data))
            switch (field) { case 1: h = (int)number; break; case 2: w = (int)number; break; case 3: c = (int)number; break; case 4: encoded = bytes; break; }
        return new Image(w, h, c, encoded);
    }

    static Histo ParseHisto(byte[] data)
    {
        var d = new double[6];
        List<double> limits = [], buckets = [];
        foreach (var (field, wire, number, bytes) in Fields(data))
        {
            if (field is >= 1 and <= 5 && wire == 1) d[field] = BitConverter.Int64BitsToDouble((long)number);
            else if (field is 6 or 7 && wire == 2)   // packed doubles
                for (int i = 0; i + 8 <= bytes.Length; i += 8) (field == 6 ? limits : buckets).Add(BinaryPrimitives.ReadDoubleLittleEndian(bytes.AsSpan(i)));
            else if (field is 6 or 7 && wire == 1) (field == 6 ? limits : buckets).Add(BitConverter.Int64BitsToDouble((long)number));
        }
        return new Histo(d[1], d[2], d[3], d[4], d[5], limits, buckets);
    }

    /// <summary>The fields of a protobuf message: number, wire type, the varint or fixed value, the bytes of a length-delimited field.</summary>
    static IEnumerable<(int Field, int Wire, ulong Number, byte[] Bytes)> Fields(byte[] data)
    {
        int at = 0;
        while (at < data.Length)
        {
            ulong key = Varint(data, ref at);
            int field = (int)(key >> 3), wire = (int)(key & 7);
            switch (wire)
            {
                case 0: yield return (field, wire, Varint(data, ref at), []); break;
                case 1: yield return (field, wire, BinaryPrimitives.ReadUInt64LittleEndian(data.AsSpan(at)), []); at += 8; break;
                case 5: yield return (field, wire, BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(at)), []); at += 4; break;
                case 2:
                    int n = (int)Varint(data, ref at);
                    yield return (field, wire, 0, data.AsSpan(at, n).ToArray());
                    at += n;
                    break;
                default: throw new InvalidDataException($"wire type {wire} at {at}");
            }
        }
    }

    static ulong Varint(byte[] data, ref int at)
    {
        ulong value = 0;
        for (int shift = 0; ; shift += 7)
        {
            byte b = data[at++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80) return value;
        }
    }
}
