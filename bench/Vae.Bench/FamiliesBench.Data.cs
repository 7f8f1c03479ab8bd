using System.Globalization;
using System.Text;
using Vae.Data;
using Vae.Runs;

namespace Vae.Bench;

/// <summary>
/// The data the PyTorch peers train on: the training split a toolkit run used, read again from its config.json through
/// the same data source, written as NPY (x [N, D] float32 and, with covariates, c [N, C]); and the 64×64 images.
/// </summary>
public static partial class FamiliesBench
{
    /// <summary>
    /// <c>bench/run families-data RUN PREFIX</c>: writes PREFIX.x.npy (and PREFIX.c.npy) from RUN's training split, whole (without
    /// --train-size, which the peer applies with --limit, so that both hold the same data in memory).
    /// </summary>
    public static string DataChild(string run, string prefix)
    {
        var config = ModelFolder.ReadConfig(run);
        var splits = DataSources.Load(config.Data with { Stream = false, TrainLimit = null });
        var train = splits.Train;
        WriteNpy(prefix + ".x.npy", train.Features, [train.Count, train.Dimension]);
        if (train.Conditions is { } c) WriteNpy(prefix + ".c.npy", c, [train.Count, train.ConditionSize]);
        else File.Delete(prefix + ".c.npy");
        return $"{{\"rows\": {train.Count}, \"dimension\": {train.Dimension}, \"conditions\": {train.ConditionSize}}}";
    }

    /// <summary>The 60,000 Fashion-MNIST training images and 10,000 test images, each centred on a 64×64 black canvas (18 pixels on every side): [N, 64, 64].</summary>
    public static void WritePadded64(string path)
    {
        var (train, test) = DataSources.LoadRaw(DataOptions.FashionMnist);
        int n = train.Count + test.Count;
        var values = new float[(long)n * 64 * 64];
        int row = 0;
        foreach (var set in new[] { train, test })
            for (int i = 0; i < set.Count; i++, row++)
            {
                var image = set.Row(i);
                for (int y = 0; y < 28; y++) image.Slice(y * 28, 28).CopyTo(values.AsSpan(row * 4096 + (y + 18) * 64 + 18, 28));
            }
        WriteNpy(path, values, [n, 64, 64]);
    }

    /// <summary>An NPY 1.0 file of little-endian float32 values in C order.</summary>
    static void WriteNpy(string path, float[] values, long[] shape)
    {
        string dims = string.Join(", ", shape.Select(s => s.ToString(CultureInfo.InvariantCulture))) + (shape.Length == 1 ? "," : "");
        string header = $"{{'descr': '<f4', 'fortran_order': False, 'shape': ({dims}), }}";
        int total = 10 + header.Length + 1;
        header = header.PadRight(header.Length + (64 - total % 64) % 64) + "\n";
        string temp = path + ".tmp";
        using (var f = File.Create(temp))
        {
            f.Write([0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0]);
            f.Write(BitConverter.GetBytes((ushort)header.Length));
            f.Write(Encoding.ASCII.GetBytes(header));
            f.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan(0, (int)shape.Aggregate(1L, (a, b) => a * b))));
        }
        File.Move(temp, path, overwrite: true);
    }
}
