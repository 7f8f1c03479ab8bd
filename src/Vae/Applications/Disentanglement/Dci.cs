namespace Vae.Applications.Disentanglement;

/// <summary>DCI scores and the importance matrix R (Dim × FactorCount, row-major; each factor's column sums to 1 or is all 0).</summary>
public sealed record DciResult(double Disentanglement, double Completeness, double InformativenessTrain, double InformativenessTest, double[] Importance);

/// <summary>
/// Disentanglement, completeness and informativeness (Eastwood and Williams 2018), as in
/// disentanglement_lib: draw <see cref="MetricOptions.Train"/> (10,000) and <see cref="MetricOptions.Test"/>
/// (5,000) observations; for each factor k fit a gradient-boosted tree classifier
/// (<see cref="GradientBoosting"/>, scikit-learn's algorithm) of factor k from all codes, giving
/// importances R_jk of code j.
/// <code>
/// D = Σ_j ρ_j (1 − H_K(P_j·)),  P_jk = R_jk / Σ_k' R_jk',  ρ_j = Σ_k R_jk / Σ_jk R_jk
/// C = Σ_k ρ_k (1 − H_J(P̃_·k)),  P̃_jk = R_jk / Σ_j' R_j'k,  ρ_k = Σ_j R_jk / Σ_jk R_jk
/// I = mean over factors of the classifier's test accuracy
/// </code>
/// where H_K is the entropy with logarithms to base K (number of factors) and H_J to base J (number
/// of codes). D is 1 when each code is used for one factor only, C when each factor uses one code
/// only. I measures only what the trees can read off: in principle an invertible map of the codes
/// keeps it, in practice axis-aligned trees of depth 3 read rotated codes far worse.
/// </summary>
public static class Dci
{
    public static DciResult Compute(FactorDataset data, Representation representation, MetricOptions options)
    {
        var random = new Random(options.Seed);
        var train = CodeSampler.Sample(data, representation, options.Train, random);
        var test = CodeSampler.Sample(data, representation, options.Test, random);
        return Score(train, test, data.Factors.Select(f => f.Count).ToArray(), options);
    }

    public static DciResult Score(CodeSample train, CodeSample test, int[] factorSizes, MetricOptions options)
    {
        int d = train.Dim, k = train.FactorCount;
        var importance = new double[d * k];
        double trainAccuracy = 0, testAccuracy = 0;
        for (int f = 0; f < k; f++)
        {
            var fit = options.DciTrees == DciTrees.FastTree
                ? FastTreeClassifier.Fit(train.Codes, train.Factor(f), test.Codes, test.Factor(f), d, factorSizes[f], options)
                : GradientBoosting.Fit(train.Codes, train.Factor(f), test.Codes, test.Factor(f), d, options);
            for (int j = 0; j < d; j++) importance[j * k + f] = fit.Importance[j];
            trainAccuracy += fit.TrainAccuracy / k;
            testAccuracy += fit.TestAccuracy / k;
        }
        return new DciResult(Disentanglement(importance, d, k), Completeness(importance, d, k), trainAccuracy, testAccuracy, importance);
    }

    /// <summary>D from an importance matrix (Dim × FactorCount, row-major).</summary>
    public static double Disentanglement(double[] r, int dim, int factors)
    {
        var rows = Enumerable.Range(0, dim).Select(j => Enumerable.Range(0, factors).Select(f => r[j * factors + f]).ToArray()).ToArray();
        return Weighted(rows, factors);
    }

    /// <summary>C from an importance matrix (Dim × FactorCount, row-major).</summary>
    public static double Completeness(double[] r, int dim, int factors)
    {
        var columns = Enumerable.Range(0, factors).Select(f => Enumerable.Range(0, dim).Select(j => r[j * factors + f]).ToArray()).ToArray();
        return Weighted(columns, dim);
    }

    // Σ_g weight_g (1 − H_base(normalised group g)); entropies of p + 1e-11 as disentanglement_lib
    // computes them (so an all-zero group has entropy 1), weights uniform when everything is zero.
    static double Weighted(double[][] groups, int logBase)
    {
        double total = groups.Sum(g => g.Sum());
        double score = 0;
        foreach (var g in groups)
        {
            var p = g.Select(v => v + 1e-11).ToArray();
            double sum = p.Sum();
            double h = logBase > 1 ? -p.Sum(v => v / sum * Math.Log(v / sum)) / Math.Log(logBase) : 0;
            double weight = total > 0 ? g.Sum() / total : 1.0 / groups.Length;
            score += weight * (1 - h);
        }
        return score;
    }
}
