using System.IO.Compression;

namespace Vae.IO;

/// <summary>
/// Reads lines of strict UTF-8 text from a file, as <see cref="StreamReader.ReadLine"/> does (lines end at
/// "\n", "\r\n" or "\r"; a UTF-8 byte-order mark is skipped), but refuses bytes that are not UTF-8 text or
/// are NUL with <see cref="Utf8Text.Error"/>: the file, the byte, its offset and its line (when the line
/// that holds it is read). Every text reader of the toolkit goes through it. As in a StreamReader, each
/// block read is decoded at once and lines are cut from the characters; the block is checked first
/// (vectorized), so strictness costs little (docs/results/text-reading.md). A gzip stream is decompressed when
/// <see cref="Open"/> is asked to detect it (offsets are then those of the decompressed data).
/// </summary>
public sealed class Utf8LineReader : IDisposable
{
    /// <summary>A longer line is refused (a text input never has one; a binary file without newlines may).</summary>
    public const int MaxLineChars = 1 << 28;

    private readonly Stream stream;
    private readonly string name;
    private readonly bool decompressed;
    private readonly byte[] bytes;
    private int pending;                    // bytes[..pending): the start of a sequence the last block cut off
    private long bytesBefore;               // the stream offset of bytes[0]
    private char[] chars;
    private int charStart, charEnd;         // the decoded, unread text is chars[charStart..charEnd)
    private bool eof, started;
    private long badOffset = -1;            // the first bad byte (nothing after it is decoded), thrown when its line is read
    private byte badByte;
    private readonly byte[] head = new byte[8];
    private int headLength;

    /// <param name="blockSize">Bytes read at a time (64 KiB; less for a small file, whose length is known).</param>
    public Utf8LineReader(Stream stream, string name, bool decompressed = false, int blockSize = 1 << 16)
    {
        bytes = new byte[Math.Max(blockSize, 16)];
        chars = new char[2 * bytes.Length];
        this.stream = stream;
        this.name = name;
        this.decompressed = decompressed;
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
            return gzip
                ? new Utf8LineReader(new GZipStream(file, CompressionMode.Decompress), path, decompressed: true)
                : new Utf8LineReader(file, path, blockSize: (int)Math.Min(file.Length + 1, 1 << 16));
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>The number of lines read so far (the line number of the last line returned).</summary>
    public int LineNumber { get; private set; }

    bool Done => eof || badOffset >= 0;

    /// <summary>The next line without its terminator, or null at the end of the file.</summary>
    public string? ReadLine()
    {
        int scanned = 0;   // characters after charStart already searched for a line end
        while (true)
        {
            int i = chars.AsSpan(charStart + scanned, charEnd - charStart - scanned).IndexOfAny('\n', '\r');
            if (i >= 0)
            {
                int lineEnd = charStart + scanned + i;
                if (chars[lineEnd] == '\r' && lineEnd + 1 == charEnd && !Done)
                {
                    scanned = lineEnd - charStart;   // is the next character a '\n'? read on
                    Fill();
                    continue;
                }
                string line = new(chars, charStart, lineEnd - charStart);
                charStart = lineEnd + (chars[lineEnd] == '\r' && lineEnd + 1 < charEnd && chars[lineEnd + 1] == '\n' ? 2 : 1);
                LineNumber++;
                return line;
            }
            scanned = charEnd - charStart;
            if (Done)
            {
                if (badOffset >= 0)
                    throw Utf8Text.Error(name, badByte, badOffset, LineNumber + 1, head.AsSpan(0, headLength), decompressed);
                if (charStart == charEnd) return null;
                string last = new(chars, charStart, charEnd - charStart);
                charStart = charEnd;
                LineNumber++;
                return last;
            }
            Fill();
        }
    }

    // Reads a block, checks it, and decodes its good part after the unread characters.
    void Fill()
    {
        if (charStart > 0)
        {
            chars.AsSpan(charStart, charEnd - charStart).CopyTo(chars);
            charEnd -= charStart;
            charStart = 0;
        }
        if (chars.Length - charEnd < bytes.Length)
        {
            if (charEnd >= MaxLineChars)
                throw new VaeException($"{name}: line {LineNumber + 1} is longer than {MaxLineChars >> 20} Mi characters; is this a text file?");
            Array.Resize(ref chars, Math.Max(2 * chars.Length, charEnd + bytes.Length));
        }
        int total = pending;
        do
        {
            int n = Read(total);
            if (n == 0) { eof = true; break; }
            total += n;
        } while (!started && total < Utf8Text.Bom.Length);   // the first block holds the whole byte-order mark if there is one
        int from = 0;
        if (!started)
        {
            started = true;
            headLength = Math.Min(total, head.Length);
            bytes.AsSpan(0, headLength).CopyTo(head);
            if (bytes.AsSpan(0, total).StartsWith(Utf8Text.Bom)) from = Utf8Text.Bom.Length;
        }
        var block = bytes.AsSpan(from, total - from);
        int tail = eof ? 0 : Utf8Text.IncompleteTail(block);
        // Decoding stops at the first ill-formed sequence (its offset is bytesRead); a NUL stops it earlier.
        var text = block[..^tail];
        int nul = text.IndexOf((byte)0);
        if (nul >= 0) text = text[..nul];
        var status = System.Text.Unicode.Utf8.ToUtf16(text, chars.AsSpan(charEnd), out int read, out int written, replaceInvalidSequences: false);
        charEnd += written;
        int bad = status == System.Buffers.OperationStatus.Done ? nul : read;
        if (bad >= 0)
        {
            badOffset = bytesBefore + from + bad;
            badByte = block[bad];
            return;
        }
        block[^tail..].CopyTo(bytes);
        bytesBefore += total - tail;
        pending = tail;
    }

    int Read(int at)
    {
        try { return stream.Read(bytes, at, bytes.Length - at); }
        catch (InvalidDataException e) { throw new VaeException($"{name}: the gzip data is corrupt ({e.Message})."); }
        catch (EndOfStreamException) { throw new VaeException($"{name}: the gzip stream ends early (truncated download?)."); }
    }

    public void Dispose() => stream.Dispose();
}
