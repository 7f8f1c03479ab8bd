namespace Vae.Applications.Disentanglement;

/// <summary>The mutual information gap of each factor and their mean.</summary>
public sealed record MigResult(double Score, double[] GapPerFactor);

/// <summary>
/// Mutual Information Gap (Chen et al. 2018, "Isolating Sources of Disentanglement in VAEs"),
/// as in disentanglement_lib: draw <see cref="MetricOptions.Train"/> (10,000) observations, discretise
/// each code into <see cref="MetricOptions.Bins"/> (20) equal-width bins, and compute the plug-in
/// mutual information I(z_j; v_k) of every code j with every factor k (factor indices). Then
/// <code>MIG = (1/K) Σ_k [ I(z_(1); v_k) − I(z_(2); v_k) ] / H(v_k)</code>
/// where z_(1), z_(2) are the codes with the largest and second-largest information about v_k.
/// 1 when each factor is captured by one code alone; 0 when two codes share it equally. A factor
/// with more values than bins (dSprites' 32 positions, 40 orientations) cannot reach 1 even for
/// perfect codes, since 20 bins hold at most log 20 nats of it.
/// </summary>
public static class MutualInformationGap
{
    public static MigResult Compute(FactorDataset data, Representation representation, MetricOptions options)
    {
        var sample = CodeSampler.Sample(data, representation, options.Train, new Random(options.Seed));
        return Score(sample, options.Bins);
    }

    public static MigResult Score(CodeSample sample, int bins)
    {
        if (sample.Dim < 2) throw new ArgumentException("MIG needs at least two code dimensions.", nameof(sample));
        var mi = DiscreteInformation.CodeFactorInformation(sample, bins);
        int k = sample.FactorCount;
        var gaps = new double[k];
        for (int f = 0; f < k; f++)
        {
            var column = Enumerable.Range(0, sample.Dim).Select(j => mi[j * k + f]).OrderDescending().ToArray();
            double h = DiscreteInformation.Entropy(sample.Factor(f));
            gaps[f] = h > 0 ? (column[0] - column[1]) / h : 0;
        }
        return new MigResult(gaps.Average(), gaps);
    }
}
