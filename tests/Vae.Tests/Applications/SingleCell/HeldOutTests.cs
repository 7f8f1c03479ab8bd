using Vae.Applications.SingleCell;

namespace Vae.Tests.Applications.SingleCell;

/// <summary>The arithmetic of the held-out likelihood summaries and of the β trade-off's paired differences.</summary>
public class HeldOutTests
{
    [Fact]
    public void Mean_And_Standard_Error_Match_Hand_Computed_Values()
    {
        var (mean, se) = HeldOutLikelihood.MeanAndStandardError([1.0, 2.0, 3.0, 4.0]);
        Assert.Equal(2.5, mean, 12);
        Assert.Equal(Math.Sqrt(5.0 / 3.0) / 2.0, se, 12);   // sample sd √(5/3), over √4
        Assert.True(double.IsNaN(HeldOutLikelihood.MeanAndStandardError([7.0]).StandardError));
        Assert.True(double.IsNaN(HeldOutLikelihood.MeanAndStandardError([]).Mean));
    }

    static TradeoffPoint Point(double beta, double[] perCell, int[] rare)
    {
        var scores = new VaeCellScores(1, 1, 0.5, 0.5, perCell.Average(), 0, rare.Average(i => perCell[i]), 0, 0, 0, 0, 0);
        var result = new CellEvaluationResult(scores, new EmbeddingScores(0.9, 0.9, 0.4, 0.1), "all", 10, perCell.Length, "rare", rare.Length, 10, 2, 2, 5, perCell, rare);
        return new TradeoffPoint(beta, $"beta-{beta}", 1.0, result);
    }

    [Fact]
    public void Paired_Differences_Are_Taken_Cell_By_Cell_Against_Beta_One()
    {
        int[] rare = [1, 3];
        var points = new[]
        {
            Point(0.5, [-10, -20, -30, -40], rare),
            Point(1, [-11, -22, -33, -44], rare),
            Point(2, [-12, -19, -33, -50], rare),
        };
        Assert.Equal(1, BetaTradeoff.ReferenceBeta(points));
        var d = BetaTradeoff.Differences(points);
        Assert.Equal(0, d[1].All.Mean);
        Assert.Equal(0, d[1].All.StandardError);
        // β = 0.5: differences 1, 2, 3, 4 (rare cells: 2 and 4)
        Assert.Equal(2.5, d[0].All.Mean, 12);
        Assert.Equal(Math.Sqrt(5.0 / 3.0) / 2.0, d[0].All.StandardError, 12);
        Assert.Equal(3.0, d[0].Rare.Mean, 12);
        Assert.Equal(1.0, d[0].Rare.StandardError, 12);      // sd of (2, 4) is √2, over √2
        // β = 2: differences −1, 3, 0, −6; rare 3 and −6
        Assert.Equal(-1.0, d[2].All.Mean, 12);
        Assert.Equal(-1.5, d[2].Rare.Mean, 12);
        // without β = 1 the smallest β is the reference; points tested on other cells are refused
        Assert.Equal(0.5, BetaTradeoff.ReferenceBeta([points[0], points[2]]));
        Assert.Throws<VaeException>(() => BetaTradeoff.Differences([points[1], Point(2, [-1, -2, -3], [1])]));
    }
}
