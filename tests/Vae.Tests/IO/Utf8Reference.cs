using System.Text;

namespace Vae.Tests.IO;

/// <summary>
/// An independent, byte-by-byte statement of well-formed UTF-8 (The Unicode Standard, Table 3-7) and of line ends,
/// to check the reader against; and random text to feed it.
/// </summary>
public static class Utf8Reference
{
    /// <summary>The start of the first ill-formed sequence or the first NUL byte; -1 when the bytes are UTF-8 text.</summary>
    public static int FirstBadByte(byte[] b)
    {
        int i = 0;
        while (i < b.Length)
        {
            byte x = b[i];
            if (x == 0) return i;
            if (x < 0x80) { i++; continue; }
            int more; byte lo = 0x80, hi = 0xBF;
            if (x >= 0xC2 && x <= 0xDF) more = 1;
            else if (x == 0xE0) { more = 2; lo = 0xA0; }
            else if ((x >= 0xE1 && x <= 0xEC) || x == 0xEE || x == 0xEF) more = 2;
            else if (x == 0xED) { more = 2; hi = 0x9F; }
            else if (x == 0xF0) { more = 3; lo = 0x90; }
            else if (x >= 0xF1 && x <= 0xF3) more = 3;
            else if (x == 0xF4) { more = 3; hi = 0x8F; }
            else return i;
            for (int k = 1; k <= more; k++)
            {
                if (i + k >= b.Length) return i;
                byte c = b[i + k];
                if (c < (k == 1 ? lo : 0x80) || c > (k == 1 ? hi : 0xBF)) return i;
            }
            i += more + 1;
        }
        return -1;
    }

    /// <summary>The 1-based line of byte <paramref name="offset"/>: line ends are "\r\n", "\r" and "\n".</summary>
    public static int LineOf(byte[] b, int offset)
    {
        int line = 1;
        for (int i = 0; i < offset; i++)
            if (b[i] == '\n' || (b[i] == '\r' && (i + 1 >= b.Length || b[i + 1] != '\n'))) line++;
        return line;
    }

    /// <summary>The lines of a text (a final line end does not start another line), as StreamReader.ReadLine gives them.</summary>
    public static List<string> Lines(string text)
    {
        var lines = new List<string>();
        var current = new StringBuilder();
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c != '\r' && c != '\n') { current.Append(c); continue; }
            if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
            lines.Add(current.ToString());
            current.Clear();
        }
        if (current.Length > 0) lines.Add(current.ToString());
        return lines;
    }

    static readonly string[] Pieces = ["a", "7", ",", "\t", " ", "\n", "\r\n", "\r", "é", "α", "βγ", "中", "€", "😀", "𝔸"];

    /// <summary>Random UTF-8 text of about <paramref name="length"/> bytes with <paramref name="strayBytes"/> random bytes put at random places.</summary>
    public static byte[] RandomText(Random rng, int length, int strayBytes)
    {
        var text = new StringBuilder();
        for (int count = 0; count < length;)
        {
            string piece = Pieces[rng.Next(Pieces.Length)];
            text.Append(piece);
            count += Encoding.UTF8.GetByteCount(piece);
        }
        var bytes = Encoding.UTF8.GetBytes(text.ToString());
        if (bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF) bytes[0] = (byte)'a';
        for (int s = 0; s < strayBytes && bytes.Length > 0; s++) bytes[rng.Next(bytes.Length)] = (byte)rng.Next(256);
        return bytes;
    }
}
