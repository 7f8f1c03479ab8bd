using Vae.Evaluation;

namespace Vae.Tests.Evaluation;

public class RankCorrelationTests
{
    // The first reference is the example of scipy.stats.spearmanr's documentation; the second was worked
    // out from the ranks x: 1.5 1.5 3.5 3.5 5.5 5.5 7.5 7.5 and y: 4 2 3 7 5.5 5.5 8 1 (Pearson's r of those).
    [Fact]
    public void Matches_Reference_Values_With_And_Without_Ties()
    {
        Assert.Equal(0.8207826816681233, RankCorrelation.Spearman([1, 2, 3, 4, 5], [5, 6, 7, 8, 7]), 12);
        Assert.Equal(0.245440346836908, RankCorrelation.Spearman([1, 1, 2, 2, 4, 4, 8, 8], [0.3, 0.1, 0.2, 0.5, 0.4, 0.4, 0.9, 0.05]), 12);
    }

    [Fact]
    public void Is_One_For_Any_Increasing_Transform_And_Minus_One_For_A_Decreasing_One()
    {
        double[] x = [0.3, -2, 5, 1.5, 7, 0];
        Assert.Equal(1, RankCorrelation.Spearman(x, x.Select(Math.Exp).ToArray()), 12);
        Assert.Equal(-1, RankCorrelation.Spearman(x, x.Select(v => -v * v * v).ToArray()), 12);
        Assert.Equal([3, 1, 5, 4, 6, 2], RankCorrelation.Ranks(x));
        Assert.Equal([1.5, 1.5, 3], RankCorrelation.Ranks([2, 2, 9]));
    }
}
