using Vae.Data;
using static TorchSharp.torch;

namespace Vae.Tests.Data;

public class MiniBatchesTests
{
    // 7 examples of 2 values (row i holds i, i + 0.5) with a 1-value condition (−i).
    static Dataset Seven() => new("seven", Enumerable.Range(0, 7).SelectMany(i => new[] { i, i + 0.5f }).ToArray(), DataShape.Vector(2),
        conditions: Enumerable.Range(0, 7).Select(i => -(float)i).ToArray(), conditionSize: 1);

    [Fact]
    public void Batches_Cover_The_Data_In_Order_With_A_Short_Last_Batch()
    {
        var data = Seven();
        var seen = new List<(int, int)>();
        foreach (var (start, n, batch) in data.Batches(3, CPU))
        {
            seen.Add((start, n));
            Assert.Equal(data.Features.AsSpan(start * 2, n * 2).ToArray(), batch.X.data<float>().ToArray());
            Assert.Equal(data.Conditions!.AsSpan(start, n).ToArray(), batch.Condition!.data<float>().ToArray());
        }
        Assert.Equal([(0, 3), (3, 3), (6, 1)], seen);
    }

    [Fact]
    public void Ranges_Cover_Every_Row_Once_And_An_Empty_Set_Not_At_All()
    {
        Assert.Equal([new RowRange(0, 4), new RowRange(4, 4), new RowRange(8, 2)], MiniBatches.Ranges(10, 4).ToList());
        Assert.Empty(MiniBatches.Ranges(0, 4));
        Assert.Throws<VaeException>(() => MiniBatches.Ranges(10, 0).ToList());
    }

    [Fact]
    public void Tensors_Made_In_The_Loop_Body_Are_Disposed_When_The_Consumer_Moves_On()
    {
        var made = new List<(Tensor X, Tensor Made)>();
        foreach (var (_, _, batch) in Seven().Batches(2, CPU))
        {
            foreach (var (x, m) in made) { Assert.True(x.IsInvalid); Assert.True(m.IsInvalid); }
            var body = batch.X * 2;
            Assert.False(batch.X.IsInvalid);
            made.Add((batch.X, body));
        }
        Assert.Equal(4, made.Count);
        Assert.All(made, t => { Assert.True(t.X.IsInvalid); Assert.True(t.Made.IsInvalid); });
    }

    [Fact]
    public void Leaving_The_Loop_Early_Disposes_The_Current_Batch()
    {
        Tensor? kept = null;
        foreach (var (_, _, batch) in Seven().Batches(2, CPU))
        {
            kept = batch.X + 1;
            break;
        }
        Assert.True(kept!.IsInvalid);
    }

    [Fact]
    public void An_Exception_In_The_Loop_Body_Disposes_The_Current_Batch()
    {
        Tensor? kept = null;
        void Consume()
        {
            foreach (var range in MiniBatches.Ranges(7, 3))
            {
                kept = ones(2);
                throw new InvalidOperationException("consumer failed");
            }
        }
        Assert.Throws<InvalidOperationException>(Consume);
        Assert.True(kept!.IsInvalid);
    }

    [Fact]
    public void A_Tensor_Moved_To_The_Outer_Scope_Outlives_The_Loop()
    {
        var kept = new List<Tensor>();
        using (var outer = NewDisposeScope())
        {
            foreach (var (start, n, batch) in Seven().Batches(3, CPU))
                kept.Add(batch.X.sum().MoveToOuterDisposeScope());
            Assert.All(kept, t => Assert.False(t.IsInvalid));
            Assert.Equal([0 + 0.5 + 1 + 1.5 + 2 + 2.5, 3 + 3.5 + 4 + 4.5 + 5 + 5.5, 6 + 6.5], kept.Select(t => (double)t.item<float>()));
        }
        Assert.All(kept, t => Assert.True(t.IsInvalid));
    }
}
