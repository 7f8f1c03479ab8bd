using Vae.Applications.Disentanglement;

namespace Vae.Tests.Applications.Disentanglement;

public class MetricOptionsTests
{
    [Fact]
    public void Scaled_Options_Shrink_The_Samples_But_Not_The_Batch()
    {
        var o = MetricOptions.Default.Scaled(0.1);
        Assert.Equal((64, 1000, 500, 1000, 1000, 500), (o.BatchSize, o.VoteTrain, o.VoteEval, o.VarianceSamples, o.Train, o.Test));
        Assert.Throws<ArgumentOutOfRangeException>(() => MetricOptions.Default with { Bins = 1 });
    }
}
