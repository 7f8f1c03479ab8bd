using MathNet.Numerics.Statistics;

namespace Vae.Evaluation;

/// <summary>Spearman's rank correlation (Math.NET): Pearson's correlation of the ranks, tied values sharing their average rank.</summary>
public static class RankCorrelation
{
    public static double Spearman(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        if (x.Count != y.Count) throw new ArgumentException($"Spearman: {x.Count} values against {y.Count}.");
        return Correlation.Spearman(x, y);
    }

    /// <summary>Ranks from 1; a run of equal values gets the mean of the ranks it spans.</summary>
    public static double[] Ranks(IReadOnlyList<double> v) => v.Ranks(RankDefinition.Average);
}
