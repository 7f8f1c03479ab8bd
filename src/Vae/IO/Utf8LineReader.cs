using System.IO.Compression;
using System.Text;

namespace Vae.IO;

/// <summary>
/// Reads lines of strict UTF-8 text from a file, as <see cref="StreamReader.ReadLine"/> does (lines end at
/// "\n", "\r\n" or "\r"; a UTF-8 byte-order mark is skipped), but refuses bytes that are not UTF-8 text or
/// are NUL with <see cref="Utf8Text.Error"/>: the file, the byte, its offset and its line. Every text
/// reader of the toolkit goes through it. Lines are found and checked on the bytes (vectorized searches),
/// then decoded once, so it is as fast as a <see cref="StreamReader"/>. A gzip stream is decompressed when
/// <see cref="Open"/> is asked to detect it (offsets are then those of the decompressed data).
/// </summary>
public sealed class Utf8LineReader : IDisposable
{
    /// <summary>A longer line is refused (a text input never has one; a binary file without newlines may).</summary>
    public const int MaxLineBytes = 1 << 28;

    private readonly Stream stream;
    private readonly string name;
    private readonly bool decompressed;
    private byte[] buffer = new byte[1 << 16];
    private int start, end;                 // the unread bytes are buffer[start..end)
    private long bufferOffset;              // the stream offset of buffer[0]
    private bool eof;
    private readonly byte[] head = new byte[8];
    private int headLength;

    public Utf8LineReader(Stream stream, string name, bool decompressed = false)
    {
        this.stream = stream;
        this.name = name;
        this.decompressed = decompressed;
        while (end < Utf8Text.Bom.Length && !eof) Fill();
        headLength = Math.Min(end, head.Length);
        buffer.AsSpan(0, headLength).CopyTo(head);
        if (buffer.AsSpan(0, end).StartsWith(Utf8Text.Bom)) start = Utf8Text.Bom.Length;
    }

    /// <summary>
    /// Opens <paramref name="path"/>; with <paramref name="detectGzip"/> a file that starts with the gzip magic
    /// bytes is decompressed (whatever its name).
    /// </summary>
    public static Utf8LineReader Open(string path, bool detectGzip = false)
    {
        if (!File.Exists(path)) throw new VaeException($"{path}: file not found.");
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        try
        {
            bool gzip = false;
            if (detectGzip)
            {
                int b0 = file.ReadByte(), b1 = file.ReadByte();
                gzip = b0 == 0x1f && b1 == 0x8b;
                file.Position = 0;
            }
            return new Utf8LineReader(gzip ? new GZipStream(file, CompressionMode.Decompress) : file, path, gzip);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>The number of lines read so far (the line number of the last line returned).</summary>
    public int LineNumber { get; private set; }

    /// <summary>The next line without its terminator, or null at the end of the file.</summary>
    public string? ReadLine()
    {
        int scanned = 0;   // bytes after start already searched for a line end
        while (true)
        {
            int i = buffer.AsSpan(start + scanned, end - start - scanned).IndexOfAny((byte)'\n', (byte)'\r');
            if (i >= 0)
            {
                int lineEnd = start + scanned + i;
                if (buffer[lineEnd] == '\r' && lineEnd + 1 == end && !eof)
                {
                    scanned = lineEnd - start;   // is the next byte a '\n'? read on
                    Fill();
                    continue;
                }
                int next = lineEnd + (buffer[lineEnd] == '\r' && lineEnd + 1 < end && buffer[lineEnd + 1] == '\n' ? 2 : 1);
                string line = Decode(start, lineEnd);
                start = next;
                return line;
            }
            scanned = end - start;
            if (eof)
            {
                if (start == end) return null;
                string last = Decode(start, end);
                start = end;
                return last;
            }
            Fill();
        }
    }

    string Decode(int from, int to)
    {
        var bytes = buffer.AsSpan(from, to - from);
        int bad = Utf8Text.FirstBadByte(bytes);
        if (bad >= 0) throw Utf8Text.Error(name, bytes[bad], bufferOffset + from + bad, LineNumber + 1, head.AsSpan(0, headLength), decompressed);
        LineNumber++;
        return Encoding.UTF8.GetString(bytes);
    }

    // Moves the unread bytes to the front, grows the buffer when one line fills it, and reads more.
    void Fill()
    {
        if (start > 0)
        {
            buffer.AsSpan(start, end - start).CopyTo(buffer);
            bufferOffset += start;
            end -= start;
            start = 0;
        }
        if (end == buffer.Length)
        {
            // A line longer than the buffer: check what is there before holding more of it (a binary file has no newlines).
            int bad = Utf8Text.FirstBadByte(buffer.AsSpan(0, end), final: false);
            if (bad >= 0) throw Utf8Text.Error(name, buffer[bad], bufferOffset + bad, LineNumber + 1, head.AsSpan(0, headLength), decompressed);
            if (buffer.Length >= MaxLineBytes)
                throw new VaeException($"{name}: line {LineNumber + 1} is longer than {MaxLineBytes >> 20} MiB; is this a text file?");
            Array.Resize(ref buffer, buffer.Length * 2);
        }
        int n;
        try { n = stream.Read(buffer, end, buffer.Length - end); }
        catch (InvalidDataException e) { throw new VaeException($"{name}: the gzip data is corrupt ({e.Message})."); }
        catch (EndOfStreamException) { throw new VaeException($"{name}: the gzip stream ends early (truncated download?)."); }
        if (n == 0) eof = true;
        else end += n;
    }

    public void Dispose() => stream.Dispose();
}
