using Vae.Distributed;
using static TorchSharp.torch;

namespace Vae.Tests.Distributed;

/// <summary>The parts of data-parallel training that need no second process.</summary>
public class DistributedPartsTests
{
    [Fact]
    public void Shares_Cover_The_Rows_In_Order_Without_Overlap()
    {
        foreach (long total in new long[] { 0, 1, 2, 7, 128, 129 })
            foreach (int size in new[] { 1, 2, 3, 8 })
            {
                long next = 0;
                for (int r = 0; r < size; r++)
                {
                    var (start, count) = Communicator.ShareOf(total, r, size);
                    Assert.Equal(next, start);
                    Assert.True(count >= total / size && count <= total / size + 1);
                    next += count;
                }
                Assert.Equal(total, next);
            }
    }

    [Fact]
    public void A_Window_Draws_The_Rows_One_Process_Draws_For_The_Whole_Batch()
    {
        using var whole = new Generator(11);
        using var split = new Generator(11);
        using var expected = randn([6, 5], generator: whole);
        Tensor part;
        using (RowWindow.Enter(new RowWindow(2, 3, 6)))
            part = RowWindow.Draw([3, 5], 0, shape => randn(shape, generator: split));
        Assert.True(part.equal(expected.narrow(0, 2, 3)).all().item<bool>());
        Assert.True(randn(4, generator: whole).equal(randn(4, generator: split)).all().item<bool>());   // the generators end in the same state
        using var outside = RowWindow.Draw([3, 5], 0, shape => zeros(shape));
        Assert.Equal([3L, 5L], outside.shape);
    }

    [Fact]
    public void Agreement_Names_The_First_Fact_That_Differs()
    {
        (string, string)[] root = [("code version", "1.0"), ("option training.seed", "1"), ("training data", "abc")];
        Assert.Null(RankAgreement.Difference(root, root));
        Assert.Equal("its option training.seed is 2 (rank 0: 1)",
            RankAgreement.Difference([("code version", "1.0"), ("option training.seed", "2"), ("training data", "xyz")], root));
        Assert.Equal("it has no training data (rank 0: abc)", RankAgreement.Difference(root[..2], root));
    }

    [Fact]
    public void Open_Mpi_Notices_Become_The_Rank_That_Stopped()
    {
        var passed = new List<string>();
        var filter = new MpiRun.NoticeFilter(passed.Add);
        string dashes = new('-', 74);
        foreach (var line in new[]
        {
            "epoch 1/5 ...", dashes, "Primary job  terminated normally, but 1 process returned", "a non-zero exit code. Per user-direction, the job has been aborted.", dashes,
            dashes, "mpirun noticed that process rank 1 with PID 4242 on node box exited on signal 9 (Killed).", dashes,
            "error (rank 0): something", "error (rank 1): something",
        })
            filter.Line(line, passed.Add);
        Assert.Equal(["epoch 1/5 ...", "error (rank 0): something"], passed);
        Assert.Equal((1, "exited on signal 9 (Killed)"), filter.Stopped);
    }

    [Fact]
    public void One_Process_Is_Rank_Zero_Of_One_And_Its_Collectives_Do_Nothing()
    {
        var one = Communicator.Single;
        Assert.True(one.IsRoot);
        Assert.False(one.IsDistributed);
        float[] values = [1, 2];
        one.AllReduceSum<float>(values, "test");
        Assert.Equal([1f, 2f], values);
        Assert.Single(one.AllGather([1, 2, 3], "test"));
    }
}
