namespace Vae.Applications.Disentanglement;

/// <summary>The modularity of each code and their mean.</summary>
public sealed record ModularityResult(double Score, double[] PerCode);

/// <summary>
/// Modularity (Ridgeway and Zemel 2018), as in disentanglement_lib: from the same discretised mutual
/// information matrix m_jk as <see cref="MutualInformationGap"/> (<see cref="MetricOptions.Train"/> = 10,000
/// observations, 20 bins), each code j scores
/// <code>1 − δ_j,  δ_j = Σ_{k ≠ k*} m_jk² / ((K − 1) · m_jk*²),  k* = argmax_k m_jk</code>
/// (0 for a code that carries no information at all), and modularity is the mean over codes.
/// 1 when every code depends on a single factor, however many codes share that factor.
/// </summary>
public static class Modularity
{
    public static ModularityResult Compute(FactorDataset data, Representation representation, MetricOptions options)
    {
        var sample = CodeSampler.Sample(data, representation, options.Train, new Random(options.Seed));
        return Score(sample, options.Bins);
    }

    public static ModularityResult Score(CodeSample sample, int bins)
    {
        if (sample.FactorCount < 2) throw new ArgumentException("modularity needs at least two factors.", nameof(sample));
        var mi = DiscreteInformation.CodeFactorInformation(sample, bins);
        int k = sample.FactorCount;
        var perCode = new double[sample.Dim];
        for (int j = 0; j < sample.Dim; j++)
        {
            var squared = Enumerable.Range(0, k).Select(f => mi[j * k + f] * mi[j * k + f]).ToArray();
            double max = squared.Max();
            perCode[j] = max == 0 ? 0 : 1 - (squared.Sum() - max) / (max * (k - 1));
        }
        return new ModularityResult(perCode.Average(), perCode);
    }
}
