using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using Vae.Cli;

namespace Vae.Reliability;

/// <summary>A temporary folder with valid data and a small trained model, from which each bad-input case makes its damage.</summary>
public sealed class Workspace : IDisposable
{
    public Workspace()
    {
        Root = Path.Combine(Path.GetTempPath(), "vae-catalogue-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(Root);
        Mnist = WriteMnist(Path.Combine(Root, "mnist"), 96, 16);
        Model = Path.Combine(Root, "model");
        var r = Run("train", "--data", "mnist:" + Mnist, "--out", Model, "--epochs", "1", "--hidden", "16", "--latent", "2", "--val-size", "0", "--batch-size", "32");
        if (r.ExitCode != 0) throw new InvalidOperationException("could not train the workspace model: " + r.Error);
    }

    public string Root { get; }
    public string Mnist { get; }
    public string Model { get; }

    public string File(string name) => Path.Combine(Root, name);

    /// <summary>A fresh folder path (not created), for outputs that must not appear.</summary>
    public string Fresh(string name) => Path.Combine(Root, name + "-" + Guid.NewGuid().ToString("N")[..6]);

    public string WriteText(string name, string text) { string p = File(name); System.IO.File.WriteAllText(p, text); return p; }

    /// <summary>A copy of the MNIST folder with one file replaced by <paramref name="bytes"/> (or deleted when null).</summary>
    public string MnistWith(string file, byte[]? bytes)
    {
        string dir = Fresh("mnist-bad");
        Directory.CreateDirectory(dir);
        foreach (var f in Directory.GetFiles(Mnist)) System.IO.File.Copy(f, Path.Combine(dir, Path.GetFileName(f)));
        string stem = Path.GetFileName(file).EndsWith(".gz", StringComparison.Ordinal) ? Path.GetFileName(file)[..^3] : Path.GetFileName(file);
        foreach (var f in Directory.GetFiles(dir, stem + "*")) System.IO.File.Delete(f);
        if (bytes is not null) System.IO.File.WriteAllBytes(Path.Combine(dir, file), bytes);
        return dir;
    }

    /// <summary>A copy of the trained model folder, changed by <paramref name="damage"/>.</summary>
    public string ModelWith(Action<string> damage)
    {
        string dir = Fresh("model-bad");
        Directory.CreateDirectory(dir);
        foreach (var f in Directory.GetFiles(Model)) System.IO.File.Copy(f, Path.Combine(dir, Path.GetFileName(f)));
        damage(dir);
        return dir;
    }

    public static byte[] Idx(int[] dims, byte[] values, byte type = 0x08)
    {
        var bytes = new byte[4 + 4 * dims.Length + values.Length];
        bytes[2] = type;
        bytes[3] = (byte)dims.Length;
        for (int i = 0; i < dims.Length; i++) BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4 + 4 * i), dims[i]);
        values.CopyTo(bytes, 4 + 4 * dims.Length);
        return bytes;
    }

    public static byte[] Gzip(byte[] data)
    {
        using var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, CompressionLevel.Fastest)) gz.Write(data);
        return ms.ToArray();
    }

    public byte[] TrainImages => System.IO.File.ReadAllBytes(Path.Combine(Mnist, "train-images-idx3-ubyte"));

    static string WriteMnist(string dir, int train, int test)
    {
        Directory.CreateDirectory(dir);
        var rng = new Random(1);
        foreach (var (prefix, n) in new[] { ("train", train), ("t10k", test) })
        {
            var pixels = new byte[n * 784];
            rng.NextBytes(pixels);
            var labels = Enumerable.Range(0, n).Select(i => (byte)(i % 10)).ToArray();
            System.IO.File.WriteAllBytes(Path.Combine(dir, $"{prefix}-images-idx3-ubyte"), Idx([n, 28, 28], pixels));
            System.IO.File.WriteAllBytes(Path.Combine(dir, $"{prefix}-labels-idx1-ubyte"), Idx([n], labels));
        }
        return dir;
    }

    public sealed record Result(int ExitCode, string Output, string Error);

    /// <summary>Runs the `vae` command in this process with in-memory consoles, capturing what it prints (runs may go on in parallel).</summary>
    public static Result Run(params string[] args)
    {
        var (o, e) = (new StringWriter(), new StringWriter());
        int code = CliApp.Run(args, CliConsole.InMemory(o, e));
        return new Result(code, o.ToString(), e.ToString());
    }

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { }
    }
}
