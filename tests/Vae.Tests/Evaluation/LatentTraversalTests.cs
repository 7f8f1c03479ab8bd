using Vae.Evaluation;

namespace Vae.Tests.Evaluation;

public class LatentTraversalTests
{
    [Fact]
    public void Each_Row_Sweeps_One_Dimension_And_Holds_The_Others()
    {
        float[] start = [0.5f, -1f, 2f];
        var z = LatentTraversal.Points(start, steps: 5, span: 2);
        Assert.Equal(3 * 5 * 3, z.Length);
        for (int j = 0; j < 3; j++)
            for (int s = 0; s < 5; s++)
                for (int k = 0; k < 3; k++)
                    Assert.Equal(k == j ? -2 + s : start[k], z[((j * 5) + s) * 3 + k], 6);
        Assert.Throws<VaeException>(() => LatentTraversal.Points(start, 1, 2));
    }

    [Fact]
    public void Given_Dimensions_Become_The_Rows_In_Their_Order()
    {
        float[] start = [0.5f, -1f, 2f];
        var all = LatentTraversal.Points(start, steps: 4, span: 1.5);
        var chosen = LatentTraversal.Points(start, steps: 4, span: 1.5, dimensions: [2, 0]);
        Assert.Equal(all.AsSpan(2 * 4 * 3, 4 * 3).ToArray(), chosen.AsSpan(0, 4 * 3).ToArray());
        Assert.Equal(all.AsSpan(0, 4 * 3).ToArray(), chosen.AsSpan(4 * 3, 4 * 3).ToArray());
    }
}
