using Vae.Applications.SingleCell;
using Vae.Data;
using Vae.Runs;
using Vae.Tests.Cli;
using static TorchSharp.torch;

namespace Vae.Tests.Applications.SingleCell;

/// <summary>
/// Streaming an AnnData file's training cells (--stream) against loading them: the same test cells, and each
/// epoch serves every training cell exactly once with its counts and batch, in an order that depends on the
/// generator alone.
/// </summary>
public class H5adStreamTests : IDisposable
{
    readonly TempDir tmp = new();

    public void Dispose() => tmp.Dispose();

    static readonly DataOptions Options = new()
    {
        Source = "h5ad:" + H5adReaderTests.Fixture("csr.h5ad"), Layer = "counts", ValidationSize = 0, BatchKey = "batch", LabelKey = "cell_type",
    };

    // a cell's counts followed by its one-hot batch, as text, for comparing sets of rows
    static string[] Rows(float[] x, float[]? c, int n, int genes, int width) =>
        Enumerable.Range(0, n).Select(i => string.Join(",", x.Skip(i * genes).Take(genes)) + "|" + (c is null ? "" : string.Join(",", c.Skip(i * width).Take(width)))).ToArray();

    [Theory]
    [InlineData(7, 1)]
    [InlineData(7, 3)]
    [InlineData(7, 8)]    // all six blocks in one buffer: read once, kept, each epoch's block order mapped onto it
    [InlineData(64, 8)]
    public void An_Epoch_Serves_Every_Training_Cell_Once_And_The_Same_Test_Cells(int blockRows, int bufferBlocks)
    {
        var memory = CountData.Load(Options);
        var splits = H5adStreamedCells.LoadSplits(Options with { Stream = true }, blockRows)!;
        var cells = (H5adStreamedCells)splits.Streamed!;
        Assert.Equal(memory.Test.Features, splits.Test.Features);
        Assert.Equal(memory.Test.Labels, splits.Test.Labels);
        Assert.Equal(memory.Test.Conditions, splits.Test.Conditions);
        Assert.Equal(memory.Train.Count, splits.TrainCount);
        Assert.Equal(memory.Train.Features, splits.Train.Features);   // the sample: all 36 training cells here

        using var stream = new H5adBatchStream(cells, CPU, batchSize: 5, bufferBlocks);
        var served = new List<string>();
        string First(Generator g)
        {
            using var epoch = stream.Epoch(g);
            var rows = new List<string>();
            for (int b = 0; b < epoch.Batches; b++)
            {
                var batch = epoch.Batch(b);
                int n = (int)batch.X.shape[0];
                rows.AddRange(Rows(batch.X.data<float>().ToArray(), batch.Condition?.data<float>().ToArray(), n, 30, 2));
            }
            served = rows;
            return string.Join(";", rows);
        }
        string once = First(new Generator(5));
        var expected = Rows(memory.Train.Features, memory.Train.Conditions, memory.Train.Count, 30, 2);
        Assert.Equal(expected.Order(), served.Order());
        Assert.Equal(once, First(new Generator(5)));          // the generator decides the order
        Assert.NotEqual(once, First(new Generator(6)));
    }

    [Theory]
    [InlineData(7)]
    [InlineData(64)]
    public void Streaming_Selects_The_Same_Highly_Variable_Genes_And_Serves_Them(int blockRows)
    {
        var options = Options with { HighlyVariableGenes = 12 };
        var memory = CountData.Load(options);
        var splits = H5adStreamedCells.LoadSplits(options with { Stream = true }, blockRows)!;
        Assert.Equal(memory.Genes, ((H5adStreamedCells)splits.Streamed!).Selected);
        Assert.Equal(memory.Test.Features, splits.Test.Features);
        Assert.Equal(memory.Train.Features, splits.Train.Features);
        using var stream = splits.Streamed!.Open(CPU, 8);
        using var epoch = stream.Epoch(new Generator(1));
        var served = new List<string>();
        for (int b = 0; b < epoch.Batches; b++)
        {
            var batch = epoch.Batch(b);
            served.AddRange(Rows(batch.X.data<float>().ToArray(), batch.Condition?.data<float>().ToArray(), (int)batch.X.shape[0], 12, 2));
        }
        Assert.Equal(Rows(memory.Train.Features, memory.Train.Conditions, memory.Train.Count, 12, 2).Order(), served.Order());
    }

    [Fact]
    public void Streaming_Refuses_What_It_Cannot_Do()
    {
        var csc = new DataOptions { Source = "h5ad:" + H5adReaderTests.Fixture("csc.h5ad"), Stream = true, ValidationSize = 0 };
        Assert.Contains("CSC", Assert.Throws<VaeException>(() => H5adStreamedCells.LoadSplits(csc)).Message);
        var notCounts = Options with { Stream = true, Layer = null };
        Assert.Contains("counts must be non-negative integers", Assert.Throws<VaeException>(() => H5adStreamedCells.LoadSplits(notCounts)).Message);
    }

    [Fact]
    public void Train_With_Stream_Runs_And_Keeps_The_Option()
    {
        string dir = tmp.File("m");
        var r = CliRunner.Run(["train", "--data", "h5ad:" + H5adReaderTests.Fixture("csr.h5ad"), "--layer", "counts", "--stream", "--hvg", "0", "--val-size", "4",
            "--likelihood", "nb", "--hidden", "16", "--latent", "2", "--epochs", "2", "--batch-size", "8", "--out", dir]);
        Assert.True(r.ExitCode == 0, r.Error + r.Out);
        Assert.Contains("Training on 32 examples", r.Out + r.Error);
        var config = ModelFolder.ReadConfig(dir);
        Assert.True(config.Data.Stream);
        r = CliRunner.Run("eval", dir, "--k", "2");
        Assert.True(r.ExitCode == 0, r.Error + r.Out);
    }
}
