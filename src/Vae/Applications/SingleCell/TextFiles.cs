using System.IO.Compression;
using System.Text;
using Vae.IO;

namespace Vae.Applications.SingleCell;

/// <summary>Opening text files that may be gzip-compressed (detected from the magic bytes, not the name).</summary>
internal static class TextFiles
{
    /// <summary>Strict UTF-8 lines of a file, decompressed when it is gzip (detected from the magic bytes, not the name).</summary>
    public static Utf8LineReader Open(string path) => Utf8LineReader.Open(path, detectGzip: true);

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
