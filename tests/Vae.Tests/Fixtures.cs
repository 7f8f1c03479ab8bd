using System.Buffers.Binary;
using System.IO.Compression;
using Vae.Data;

namespace Vae.Tests;

/// <summary>Small data made by the tests themselves.</summary>
public static class Fixtures
{
    /// <summary>The bytes of an IDX file of unsigned bytes with the given dimensions (the reliability workspace's writer).</summary>
    public static byte[] Idx(int[] dims, byte[] values, byte type = 0x08) => Vae.Reliability.Workspace.Idx(dims, values, type);

    public static byte[] Gzip(byte[] data) => Vae.Reliability.Workspace.Gzip(data);

    /// <summary>
    /// A folder of MNIST-format files: 28×28 images of a bright square whose position depends on the
    /// label (4 classes), with pixel noise, so a VAE has something to learn in seconds.
    /// </summary>
    public static string MnistFolder(string root, int train = 512, int test = 128, int seed = 0, bool gzip = true, int size = 28)
    {
        string dir = Path.Combine(root, "mnist");
        Directory.CreateDirectory(dir);
        var rng = new Random(seed);
        foreach (var (prefix, n) in new[] { ("train", train), ("t10k", test) })
        {
            var pixels = new byte[n * size * size];
            var labels = new byte[n];
            for (int i = 0; i < n; i++)
            {
                int label = rng.Next(4);
                labels[i] = (byte)label;
                int x0 = 3 + (label % 2) * (size / 2) + rng.Next(3), y0 = 3 + (label / 2) * (size / 2) + rng.Next(3);
                for (int y = 0; y < size; y++)
                    for (int x = 0; x < size; x++)
                    {
                        bool inside = x >= x0 && x < x0 + size / 3 && y >= y0 && y < y0 + size / 3;
                        pixels[i * size * size + y * size + x] = (byte)(inside ? 200 + rng.Next(56) : rng.Next(30));
                    }
            }
            var img = Idx([n, size, size], pixels);
            var lab = Idx([n], labels);
            string ext = gzip ? ".gz" : "";
            File.WriteAllBytes(Path.Combine(dir, $"{prefix}-images-idx3-ubyte{ext}"), gzip ? Gzip(img) : img);
            File.WriteAllBytes(Path.Combine(dir, $"{prefix}-labels-idx1-ubyte{ext}"), gzip ? Gzip(lab) : lab);
        }
        return dir;
    }

    /// <summary>A dataset of random values in [0, 1] with shape <paramref name="shape"/>.</summary>
    public static Dataset Uniform(int n, DataShape shape, int seed = 0)
    {
        var rng = new Random(seed);
        var values = new float[n * shape.Size];
        for (int i = 0; i < values.Length; i++) values[i] = (float)rng.NextDouble();
        return new Dataset("uniform", values, shape);
    }
}
