using System.Buffers.Binary;
using System.Globalization;
using Google.Protobuf;
using Tensorboard;

namespace Vae.IO.TensorBoard;

/// <summary>
/// Appends TensorBoard events (scalars, histograms, PNG images) to a new event file
/// <c>events.out.tfevents.&lt;seconds&gt;.&lt;host&gt;.&lt;pid&gt;.&lt;n&gt;</c> in a folder, as TensorFlow's and PyTorch's writers do:
/// TFRecord-framed <c>Event</c> protobufs (TorchSharp's generated <c>Tensorboard</c> messages), the first one the
/// file version <c>brain.Event:2</c>. Each event goes to the file in one write and is flushed, so TensorBoard
/// sees it while training goes on; a crash leaves at most a truncated last record, which readers skip.
/// </summary>
public sealed class EventFileWriter : IDisposable
{
    public const string FilePrefix = "events.out.tfevents.";
    static int counter;
    readonly FileStream stream;

    EventFileWriter(string path, FileStream stream)
    {
        Path = path;
        this.stream = stream;
    }

    /// <summary>The event file being written.</summary>
    public string Path { get; }

    /// <summary>
    /// Creates the folder if needed and a new event file in it, named after the current time but after every event
    /// file already there, so TensorBoard (which reads a folder's files in name order) reads it last.
    /// </summary>
    public static EventFileWriter Create(string directory)
    {
        if (File.Exists(directory)) throw new VaeException($"--tensorboard {directory}: is a file, not a folder.");
        try
        {
            Directory.CreateDirectory(directory);
            long seconds = Math.Max(DateTimeOffset.UtcNow.ToUnixTimeSeconds(), LatestTimestamp(directory) + 1);
            string name = string.Create(CultureInfo.InvariantCulture,
                $"{FilePrefix}{seconds:D10}.{Sanitize(Environment.MachineName)}.{Environment.ProcessId}.{Interlocked.Increment(ref counter)}");
            string path = System.IO.Path.Combine(directory, name);
            var writer = new EventFileWriter(path, new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read));
            writer.Write(new Event { FileVersion = "brain.Event:2" });
            return writer;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new VaeException($"--tensorboard {directory}: cannot write an event file there ({e.Message.TrimEnd('.')}).", e);
        }
    }

    public void AddScalar(string tag, double value, long step) =>
        Write(new Event { Step = step, Summary = One(new Summary.Types.Value { Tag = tag, SimpleValue = (float)value }) });

    /// <summary>A histogram of <paramref name="values"/> in <paramref name="bins"/> equal-width buckets from the least value to the greatest (the last closed, as numpy.histogram's).</summary>
    public void AddHistogram(string tag, ReadOnlySpan<double> values, long step, int bins = 30) =>
        Write(new Event { Step = step, Summary = One(new Summary.Types.Value { Tag = tag, Histo = Histogram.Of(values, bins) }) });

    /// <summary>A PNG image (its size and colour type read from the PNG header).</summary>
    public void AddImage(string tag, byte[] png, long step)
    {
        var (width, height, colorType) = PngHeader(png, tag);
        var image = new Summary.Types.Image
        {
            Width = width, Height = height, EncodedImageString = ByteString.CopyFrom(png),
            Colorspace = colorType switch { 0 => 1, 4 => 2, 2 or 3 => 3, _ => 4 },   // grey, grey+alpha, RGB (or palette), RGBA
        };
        Write(new Event { Step = step, Summary = One(new Summary.Types.Value { Tag = tag, Image = image }) });
    }

    /// <summary>
    /// A session start at <paramref name="step"/>: TensorBoard discards the events of earlier files at this step or later
    /// (what a run that went back to a checkpoint would otherwise show twice).
    /// </summary>
    public void AddSessionStart(long step) =>
        Write(new Event { Step = step, SessionLog = new SessionLog { Status = SessionLog.Types.SessionStatus.Start } });

    void Write(Event e)
    {
        e.WallTime = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0;
        try
        {
            stream.Write(TfRecord.Frame(e.ToByteArray()));
            stream.Flush();
        }
        catch (IOException x)
        {
            throw new VaeException($"{Path}: cannot write TensorBoard events ({x.Message.TrimEnd('.')}).", x);
        }
    }

    static Summary One(Summary.Types.Value value)
    {
        var summary = new Summary();
        summary.Value.Add(value);
        return summary;
    }

    static (int Width, int Height, int ColorType) PngHeader(byte[] png, string tag)
    {
        ReadOnlySpan<byte> signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
        if (png.Length < 33 || !png.AsSpan(0, 8).SequenceEqual(signature) || !png.AsSpan(12, 4).SequenceEqual("IHDR"u8))
            throw new ArgumentException($"image {tag}: not a PNG file (no signature and IHDR chunk).", nameof(png));
        return ((int)BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(16)), (int)BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(20)), png[25]);
    }

    static long LatestTimestamp(string directory)
    {
        long latest = 0;
        foreach (var file in Directory.EnumerateFiles(directory, FilePrefix + "*"))
        {
            var rest = System.IO.Path.GetFileName(file)[FilePrefix.Length..];
            int dot = rest.IndexOf('.');
            if (long.TryParse(dot < 0 ? rest : rest[..dot], NumberStyles.None, CultureInfo.InvariantCulture, out long t)) latest = Math.Max(latest, t);
        }
        return latest;
    }

    static string Sanitize(string host) => string.Concat(host.Select(c => char.IsAsciiLetterOrDigit(c) || c == '-' ? c : '_'));

    public void Dispose() => stream.Dispose();
}
