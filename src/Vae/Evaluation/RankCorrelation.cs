using Vae.Applications.Physics;

namespace Vae.Evaluation;

/// <summary>Spearman's rank correlation: Pearson's correlation of the ranks, tied values sharing their average rank.</summary>
public static class RankCorrelation
{
    public static double Spearman(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        if (x.Count != y.Count) throw new ArgumentException($"Spearman: {x.Count} values against {y.Count}.");
        return CurveFits.Correlation(Ranks(x), Ranks(y));
    }

    /// <summary>Ranks from 1; a run of equal values gets the mean of the ranks it spans.</summary>
    public static double[] Ranks(IReadOnlyList<double> v)
    {
        var order = Enumerable.Range(0, v.Count).OrderBy(i => v[i]).ToArray();
        var r = new double[v.Count];
        for (int i = 0; i < order.Length;)
        {
            int j = i;
            while (j + 1 < order.Length && v[order[j + 1]] == v[order[i]]) j++;
            for (int k = i; k <= j; k++) r[order[k]] = (i + j) / 2.0 + 1;
            i = j + 1;
        }
        return r;
    }
}
