using System.Text;
using System.Text.Unicode;

namespace Vae.IO;

/// <summary>
/// Strict UTF-8: the one way the toolkit checks that a file is text. A byte sequence that is not
/// well-formed UTF-8 (Unicode's Table 3-7: no overlong forms, no surrogates, nothing above U+10FFFF,
/// no truncated sequence) or a NUL byte is refused with a one-line error naming the file, the byte,
/// its offset from the start of the file (a UTF-8 byte-order mark counts) and its line.
/// <see cref="Utf8LineReader"/> reads line by line; <see cref="ReadAllText"/> reads a whole (JSON) file.
/// </summary>
public static class Utf8Text
{
    /// <summary>The UTF-8 byte-order mark, accepted and skipped at the start of a file.</summary>
    public static ReadOnlySpan<byte> Bom => [0xEF, 0xBB, 0xBF];

    /// <summary>
    /// The index of the first byte that is not part of well-formed UTF-8 (the start of the ill-formed sequence, as
    /// Python's UnicodeDecodeError.start), or of the first NUL byte, whichever comes first; -1 when there is none.
    /// </summary>
    public static int FirstBadByte(ReadOnlySpan<byte> bytes)
    {
        int nul = bytes.IndexOf((byte)0);
        var checkedPart = nul >= 0 ? bytes[..nul] : bytes;
        if (Utf8.IsValid(checkedPart)) return nul;
        int i = 0;
        while (i < checkedPart.Length)
        {
            int nonAscii = checkedPart[i..].IndexOfAnyExceptInRange((byte)0, (byte)0x7F);
            if (nonAscii < 0) break;
            i += nonAscii;
            if (Rune.DecodeFromUtf8(checkedPart[i..], out _, out int consumed) != System.Buffers.OperationStatus.Done) return i;
            i += consumed;
        }
        return nul;   // not reached: IsValid said there is an ill-formed sequence
    }

    /// <summary>How many bytes at the end of <paramref name="bytes"/> begin a multi-byte sequence that needs more bytes than follow (0 to 3).</summary>
    public static int IncompleteTail(ReadOnlySpan<byte> bytes)
    {
        for (int k = 1; k <= Math.Min(3, bytes.Length); k++)
        {
            byte b = bytes[^k];
            if ((b & 0xC0) == 0x80) continue;   // a continuation byte: look further back for its lead
            int need = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
            return need > k ? k : 0;
        }
        return 0;
    }

    /// <summary>
    /// The error for the bad byte <paramref name="value"/> at <paramref name="offset"/> (line <paramref name="line"/>);
    /// <paramref name="start"/> holds the first bytes of the file, which often say what it really is.
    /// </summary>
    public static VaeException Error(string name, byte value, long offset, long line, ReadOnlySpan<byte> start, bool decompressed = false)
    {
        string what = value == 0 ? "a NUL byte (0x00)" : $"invalid byte 0x{value:X2}";
        string where = decompressed ? $"byte offset {offset} of the decompressed data" : $"byte offset {offset}";
        return new VaeException($"{name}: not UTF-8 text: {what} at {where} (line {line}); {Hint(start, value)}.");
    }

    static string Hint(ReadOnlySpan<byte> start, byte value)
    {
        if (start.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || start.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF])
            || (start.Length >= 4 && (start[1] == 0 && start[3] == 0 && start[0] != 0 || start[0] == 0 && start[2] == 0 && start[1] != 0)))
            return "it looks like UTF-16: save it as UTF-8";
        if (start.StartsWith((ReadOnlySpan<byte>)[0x1F, 0x8B])) return "it is gzip-compressed: decompress it first";
        if (start.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G'])) return "it is a PNG image, not text";
        if (start.StartsWith("PK\u0003\u0004"u8)) return "it is a zip archive (an Excel workbook?): export it as CSV";
        return value == 0 ? "a binary file, not text" : "a binary file, or text in another encoding such as Latin-1: save it as UTF-8";
    }

    /// <summary>A whole file as strict UTF-8 text (a leading byte-order mark removed).</summary>
    public static string ReadAllText(string path)
    {
        if (!File.Exists(path)) throw new VaeException($"{path}: file not found.");
        byte[] bytes = File.ReadAllBytes(path);
        int skip = bytes.AsSpan().StartsWith(Bom) ? Bom.Length : 0;
        int bad = FirstBadByte(bytes.AsSpan(skip));
        if (bad >= 0)
        {
            int at = skip + bad;
            throw Error(path, bytes[at], at, bytes.AsSpan(0, at).Count((byte)'\n') + 1, bytes.AsSpan(0, Math.Min(bytes.Length, 8)));
        }
        return Encoding.UTF8.GetString(bytes, skip, bytes.Length - skip);
    }

    /// <summary>The lines of a text file (plain; see <see cref="Utf8LineReader.Open"/> for gzip), read strictly.</summary>
    public static IEnumerable<string> ReadLines(string path)
    {
        using var reader = Utf8LineReader.Open(path);
        while (reader.ReadLine() is string line) yield return line;
    }
}
