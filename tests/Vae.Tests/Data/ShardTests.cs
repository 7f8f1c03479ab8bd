using Vae.Data;
using Vae.Data.Shards;
using Vae.Models;
using Vae.Runs;
using Vae.Training;
using static TorchSharp.torch;

namespace Vae.Tests.Data;

public class ShardTests
{
    [Fact]
    public void Npy_Files_Round_Trip_And_Follow_The_Format()
    {
        using var tmp = new TempDir();
        var values = Enumerable.Range(0, 12).Select(i => i * 0.5f).ToArray();
        using (var f = File.Create(tmp.File("a.npy"))) NpyFile.WriteFloat32(f, values, 3, 4);
        var bytes = File.ReadAllBytes(tmp.File("a.npy"));
        Assert.Equal(0x93, bytes[0]);
        Assert.Equal("NUMPY", System.Text.Encoding.ASCII.GetString(bytes, 1, 5));
        int headerLength = bytes[8] | bytes[9] << 8;
        Assert.Equal(0, (10 + headerLength) % 64);
        Assert.Contains("'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), }", System.Text.Encoding.ASCII.GetString(bytes, 10, headerLength));
        using var s = File.OpenRead(tmp.File("a.npy"));
        var header = NpyFile.ReadHeader(s, "a.npy");
        Assert.Equal([3L, 4L], header.Shape);
        Assert.Equal(values, System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(bytes.AsSpan((int)header.DataOffset)).ToArray());
    }

    [Fact]
    public void Converted_Shards_Hold_The_Same_Rows_And_Labels()
    {
        using var tmp = new TempDir();
        string mnist = Fixtures.MnistFolder(tmp.Path, train: 100, test: 20);
        var r = Cli.CliRunner.Run("convert", "--data", "mnist:" + mnist, "--out", tmp.File("shards"), "--shard-rows", "32");
        Assert.True(r.ExitCode == 0, r.Error);
        var (train, _) = MnistFolder.Load(mnist, "m", null, null);
        var sharded = ShardedDataset.Open(tmp.File("shards/train"));
        Assert.Equal(100, sharded.Count);
        Assert.Equal(4, sharded.ShardCount);
        Assert.True(sharded.Manifest.IsUnitInterval);
        var back = sharded.Materialize(0, 100, "back");
        Assert.Equal(train.Features, back.Features);
        Assert.Equal(train.Labels, back.Labels);
        var middle = sharded.Materialize(30, 10, "middle");
        Assert.Equal(train.Features.AsSpan(30 * 784, 10 * 784).ToArray(), middle.Features);
    }

    [Fact]
    public void A_Stream_Serves_Every_Row_Once_Per_Epoch_In_A_Reproducible_Order()
    {
        using var tmp = new TempDir();
        // Row i holds the value i in every feature, so a batch tells which rows it holds.
        var data = new Dataset("rows", Enumerable.Range(0, 70).SelectMany(i => Enumerable.Repeat((float)i, 3)).ToArray(), DataShape.Vector(3));
        ShardWriter.Write(tmp.File("s"), data, shardRows: 16);
        var set = ShardedDataset.Open(tmp.File("s"));
        using var stream = new ShardedBatchStream(set, CPU, batchSize: 8, rowLimit: 64, bufferShards: 2);
        List<int> Rows(ulong seed)
        {
            using var g = new Generator(seed);
            using var epoch = stream.Epoch(g);
            var rows = new List<int>();
            for (int b = 0; b < epoch.Batches; b++) rows.AddRange(epoch.Batch(b).X[.., 0].data<float>().ToArray().Select(v => (int)v));
            return rows;
        }
        var first = Rows(5);
        Assert.Equal(Enumerable.Range(0, 64), first.Order());   // rows 64.. are the held-out tail
        Assert.Equal(first, Rows(5));
        Assert.NotEqual(first, Rows(6));
    }

    [Fact]
    public void Training_From_Shards_Resumes_Exactly()
    {
        using var tmp = new TempDir();
        string mnist = Fixtures.MnistFolder(tmp.Path, train: 300, test: 20);
        Assert.Equal(0, Cli.CliRunner.Run("convert", "--data", "mnist:" + mnist, "--out", tmp.File("shards"), "--shard-rows", "64").ExitCode);
        var config = new RunConfig
        {
            Model = ModelOptions.MnistMlp with { Network = new MlpNetwork { Hidden = [32] }, Latent = 3 },
            Data = new DataOptions { Source = "shards:" + tmp.File("shards"), ValidationSize = 40 },
            Training = TrainingOptions.Default with { Epochs = 3, BatchSize = 32 },
        };
        TrainingResult straight;
        using (var t = Trainer.Start(config, tmp.File("a"), CPU)) straight = t.Run();
        Assert.Equal(3, straight.Metrics.Count);
        using (var t = Trainer.Start(config with { Training = config.Training with { Epochs = 1 } }, tmp.File("b"), CPU)) t.Run();
        TrainingResult resumed;
        using (var t = Trainer.Resume(tmp.File("b"), CPU, epochs: 3)) resumed = t.Run();
        Assert.Equal(straight.Metrics.Select(m => m.TrainLoss), resumed.Metrics.Select(m => m.TrainLoss));
        Assert.Equal(File.ReadAllBytes(tmp.File("a/model.dat")), File.ReadAllBytes(tmp.File("b/model.dat")));
    }
}
