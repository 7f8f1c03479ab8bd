using Vae.Data;
using Xunit;
using static TorchSharp.torch;

namespace Vae.Tests.Data;

/// <summary>
/// The in-memory training stream holds its data set as a view of the data set's own arrays on the CPU (no second copy):
/// its batches must still be exactly the data set's rows in the shuffled order, and nothing done to a batch may reach
/// the data set.
/// </summary>
public class BatchStreamTests
{
    static Dataset Data(out float[] features, out float[] conditions)
    {
        var rng = new Random(7);
        features = [.. Enumerable.Range(0, 37 * 5).Select(_ => (float)rng.NextDouble())];
        conditions = [.. Enumerable.Range(0, 37 * 2).Select(i => (float)(i % 3))];
        return new Dataset("rows", features, DataShape.Vector(5), conditions: conditions, conditionSize: 2);
    }

    [Fact]
    public void Batches_Are_The_Datasets_Rows_In_The_Shuffled_Order()
    {
        var data = Data(out var features, out var conditions);
        using var stream = new BatchStream(data, CPU, 8);
        using var shuffle = new Generator(3);
        using var again = new Generator(3);
        var order = randperm(37, generator: again).data<long>().ToArray();   // the order Epoch draws from the same generator state
        using var epoch = stream.Epoch(shuffle);
        Assert.Equal(5, epoch.Batches);
        int row = 0;
        for (int b = 0; b < epoch.Batches; b++)
        {
            var batch = epoch.Batch(b);
            var x = batch.X.data<float>().ToArray();
            var c = batch.Condition!.data<float>().ToArray();
            for (int i = 0; i < batch.Size; i++, row++)
            {
                Assert.Equal(features.AsSpan((int)order[row] * 5, 5).ToArray(), x.AsSpan(i * 5, 5).ToArray());
                Assert.Equal(conditions.AsSpan((int)order[row] * 2, 2).ToArray(), c.AsSpan(i * 2, 2).ToArray());
            }
        }
        Assert.Equal(37, row);
    }

    [Fact]
    public void Writing_Into_A_Batch_Leaves_The_Dataset_Unchanged()
    {
        var data = Data(out var features, out _);
        var before = features.ToArray();
        using (var stream = new BatchStream(data, CPU, 37))
        using (var shuffle = new Generator(1))
        using (var epoch = stream.Epoch(shuffle))
        {
            var batch = epoch.Batch(0);
            batch.X.add_(100f);
            batch.X.bernoulli_(0.5);
        }
        GC.Collect();
        Assert.Equal(before, features);
        Assert.Equal(before, data.Features);
    }
}
