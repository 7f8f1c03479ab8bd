namespace Vae.Distributions;

/// <summary>
/// The prior of a latent library size (scVI, Lopez et al. 2018): l = log ℓ ~ N(m_b, s_b²), where m_b and
/// s_b² are the empirical mean and variance (divisor n, as scVI's <c>np.var</c>) of the log total counts
/// of the training examples of batch b — the batch is the example's one-hot condition — or of all
/// examples when there are no conditions. Examples without any count (log 0) are left out; a variance
/// below <see cref="MinVariance"/> (a batch whose cells all have the same total) is raised to it.
/// </summary>
public static class LibraryPrior
{
    /// <summary>The smallest prior variance of log ℓ (a standard deviation of 1% of the library size).</summary>
    public const double MinVariance = 1e-4;

    /// <summary>
    /// m_b and s_b² for the row-major counts <paramref name="features"/> [N × <paramref name="dimension"/>]
    /// with one-hot <paramref name="conditions"/> [N × <paramref name="conditionSize"/>] (null or size 0: one global prior).
    /// </summary>
    public static (double[] Mean, double[] Variance) Fit(ReadOnlySpan<float> features, int dimension, ReadOnlySpan<float> conditions, int conditionSize, string source = "the data")
    {
        int n = dimension == 0 ? 0 : features.Length / dimension;
        int groups = Math.Max(1, conditionSize);
        var sum = new double[groups];
        var sumSquares = new double[groups];
        var count = new long[groups];
        for (int i = 0; i < n; i++)
        {
            double total = 0;
            foreach (float v in features.Slice(i * dimension, dimension)) total += v;
            if (!(total > 0)) continue;
            int g = conditionSize == 0 ? 0 : Group(conditions.Slice(i * conditionSize, conditionSize), i, source);
            double l = Math.Log(total);
            sum[g] += l; sumSquares[g] += l * l; count[g]++;
        }
        var mean = new double[groups];
        var variance = new double[groups];
        for (int g = 0; g < groups; g++)
        {
            if (count[g] == 0)
                throw new VaeException($"{source}: --latent-library: {(conditionSize == 0 ? "no training example" : $"no training example of batch {g + 1}")} has any counts, so the prior of its library size is undefined.");
            mean[g] = sum[g] / count[g];
            variance[g] = Math.Max(MinVariance, sumSquares[g] / count[g] - mean[g] * mean[g]);
        }
        return (mean, variance);
    }

    // The index of the single 1 of a one-hot row.
    static int Group(ReadOnlySpan<float> row, int example, string source)
    {
        int hot = -1;
        for (int j = 0; j < row.Length; j++)
        {
            if (row[j] == 0) continue;
            if (row[j] != 1 || hot >= 0) { hot = -2; break; }
            hot = j;
        }
        return hot >= 0 ? hot
            : throw new VaeException($"{source}: --latent-library: the conditions of example {example + 1} are not one-hot, so they do not name a batch for the library-size prior.");
    }
}
