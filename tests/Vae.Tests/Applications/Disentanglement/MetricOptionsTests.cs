using Vae.Applications.Disentanglement;

namespace Vae.Tests.Applications.Disentanglement;

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
    public void Scaled_Options_Shrink_The_Samples_But_Not_The_Batch()
    {
        var o = MetricOptions.Default.Scaled(0.1);
        Assert.Equal((64, 1000, 500, 1000, 1000, 500), (o.BatchSize, o.VoteTrain, o.VoteEval, o.VarianceSamples, o.Train, o.Test));
        Assert.Throws<ArgumentOutOfRangeException>(() => MetricOptions.Default with { Bins = 1 });
    }
}
