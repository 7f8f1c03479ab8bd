using System.IO.Compression;
using System.Text;

namespace Vae.Applications.SingleCell;

/// <summary>Opening text files that may be gzip-compressed (detected from the magic bytes, not the name).</summary>
internal static class TextFiles
{
    public static TextReader Open(string path)
    {
        if (!File.Exists(path)) throw new VaeException($"{path}: file not found.");
        var file = File.OpenRead(path);
        int b0 = file.ReadByte(), b1 = file.ReadByte();
        file.Position = 0;
        Stream stream = b0 == 0x1f && b1 == 0x8b ? new GZipStream(file, CompressionMode.Decompress) : file;
        return new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
    }

    /// <summary>Reads the next line, turning a corrupt or truncated gzip stream into an error naming the file.</summary>
    public static string? ReadLine(TextReader reader, string path)
    {
        try { return reader.ReadLine(); }
        catch (InvalidDataException e) { throw new VaeException($"{path}: the gzip data is corrupt ({e.Message})."); }
        catch (EndOfStreamException) { throw new VaeException($"{path}: the gzip stream ends early (truncated download?)."); }
    }

    /// <summary>The first of <paramref name="names"/> that exists in <paramref name="directory"/>, or null.</summary>
    public static string? Find(string directory, params string[] names) =>
        names.Select(n => Path.Combine(directory, n)).FirstOrDefault(File.Exists);

    /// <summary>Writes text lines gzip-compressed, atomically (a temporary file renamed into place).</summary>
    public static void WriteGzip(string path, Action<TextWriter> write)
    {
        string temp = path + ".tmp-" + Guid.NewGuid().ToString("N")[..8];
        try
        {
            using (var file = File.Create(temp))
            using (var gz = new GZipStream(file, CompressionLevel.Fastest))
            using (var writer = new StreamWriter(gz, new UTF8Encoding(false), 1 << 16) { NewLine = "\n" })
                write(writer);
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }
}
