using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace Vae.Data.NumPy;

/// <summary>
/// An NPY dtype string (<c>&lt;f4</c>, <c>&gt;i8</c>, <c>|b1</c>, <c>&lt;U5</c>, …): its kind, item size and byte order.
/// Numbers: float16/32/64 (f2 f4 f8), signed and unsigned integers of 1–8 bytes (i1…i8, u1…u8) and
/// booleans (b1), in either byte order. Text (for labels): Unicode (U, UCS-4) and bytes (S).
/// </summary>
public sealed record NpyDtype(char Kind, int Size, bool BigEndian)
{
    public bool IsText => Kind is 'U' or 'S';

    /// <summary>Bytes per element.</summary>
    public int ItemBytes => Kind == 'U' ? 4 * Size : Size;

    public static NpyDtype Parse(string descr, string name)
    {
        string d = descr.Trim();
        if (d.Length < 2) throw Unsupported(descr, name, "");
        char order = d[0];
        string rest = order is '<' or '>' or '|' or '=' ? d[1..] : d;
        bool big = order == '>';
        char kind = rest[0];
        bool sized = int.TryParse(rest.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out int size);
        switch (kind)
        {
            case 'f' when sized && size is 2 or 4 or 8:
            case 'i' or 'u' when sized && size is 1 or 2 or 4 or 8:
            case 'b' when sized && size == 1:
                return new NpyDtype(kind, size, big);
            case '?' when rest.Length == 1:
                return new NpyDtype('b', 1, big);
            case 'U' or 'S' when sized && size is >= 1 and <= 4096:
                return new NpyDtype(kind, size, big);
            case 'c': throw Unsupported(descr, name, " (complex numbers)");
            case 'O': throw Unsupported(descr, name, " (Python objects, stored as a pickle; save a numeric array)");
            case 'M' or 'm': throw Unsupported(descr, name, " (dates and times)");
            case 'V': throw Unsupported(descr, name, " (raw or structured records)");
            default: throw Unsupported(descr, name, "");
        }
    }

    static VaeException Unsupported(string descr, string name, string what) =>
        new($"{name}: dtype '{descr}'{what} is not supported; use float (f2, f4, f8), integer (i1…i8, u1…u8) or bool (b1) arrays.");

    /// <summary>Converts whole elements of <paramref name="bytes"/> to numbers (the dtype must be numeric).</summary>
    public void ToNumbers(ReadOnlySpan<byte> bytes, Span<double> values)
    {
        int n = bytes.Length / Size;
        for (int k = 0; k < n; k++) values[k] = Number(bytes.Slice(k * Size, Size));
    }

    double Number(ReadOnlySpan<byte> b) => (Kind, Size) switch
    {
        ('f', 2) => (double)(BigEndian ? BinaryPrimitives.ReadHalfBigEndian(b) : BinaryPrimitives.ReadHalfLittleEndian(b)),
        ('f', 4) => BigEndian ? BinaryPrimitives.ReadSingleBigEndian(b) : BinaryPrimitives.ReadSingleLittleEndian(b),
        ('f', _) => BigEndian ? BinaryPrimitives.ReadDoubleBigEndian(b) : BinaryPrimitives.ReadDoubleLittleEndian(b),
        ('i', 1) => (sbyte)b[0],
        ('i', 2) => BigEndian ? BinaryPrimitives.ReadInt16BigEndian(b) : BinaryPrimitives.ReadInt16LittleEndian(b),
        ('i', 4) => BigEndian ? BinaryPrimitives.ReadInt32BigEndian(b) : BinaryPrimitives.ReadInt32LittleEndian(b),
        ('i', _) => BigEndian ? BinaryPrimitives.ReadInt64BigEndian(b) : BinaryPrimitives.ReadInt64LittleEndian(b),
        ('u', 1) => b[0],
        ('u', 2) => BigEndian ? BinaryPrimitives.ReadUInt16BigEndian(b) : BinaryPrimitives.ReadUInt16LittleEndian(b),
        ('u', 4) => BigEndian ? BinaryPrimitives.ReadUInt32BigEndian(b) : BinaryPrimitives.ReadUInt32LittleEndian(b),
        ('u', _) => BigEndian ? BinaryPrimitives.ReadUInt64BigEndian(b) : BinaryPrimitives.ReadUInt64LittleEndian(b),
        _ => b[0] != 0 ? 1 : 0,
    };

    /// <summary>One text element (trailing NULs removed), for a U or S dtype.</summary>
    public string Text(ReadOnlySpan<byte> b)
    {
        if (Kind == 'S') return Encoding.Latin1.GetString(b).TrimEnd('\0');
        var sb = new StringBuilder(Size);
        for (int k = 0; k < Size; k++)
        {
            uint cp = BigEndian ? BinaryPrimitives.ReadUInt32BigEndian(b[(4 * k)..]) : BinaryPrimitives.ReadUInt32LittleEndian(b[(4 * k)..]);
            if (cp == 0) break;
            sb.Append(Rune.IsValid(cp) ? new Rune(cp).ToString() : "\uFFFD");
        }
        return sb.ToString();
    }

    public override string ToString() => $"{(BigEndian ? '>' : '<')}{Kind}{Size}";
}
