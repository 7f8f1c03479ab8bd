namespace Vae.Evaluation;

/// <summary>
/// What the codes of a deterministic encoder (a point mass: the autoencoder, WAE, RAE) carry, measured on a data set:
/// each dimension's mean and variance over x, and the MMD² of the codes to the prior N(0, I). A point mass has no
/// per-dimension KL (its KL to the prior is infinite) and no finite I(x; z), so active units are counted by variance alone.
/// </summary>
public sealed record CodeReport(double[] MeanPerDim, double[] VariancePerDim, double VarianceThreshold, double PriorMmd, int Examples, int MmdExamples)
{
    /// <summary>Dimensions whose code varies with x: Var_x z_j &gt; the threshold (the covariance criterion of Burda et al. 2015).</summary>
    public int[] ActiveByVariance => Enumerable.Range(0, VariancePerDim.Length).Where(j => VariancePerDim[j] > VarianceThreshold).ToArray();

    /// <summary>Dimensions whose code hardly moves with x: unused by the decoder.</summary>
    public int[] Dead => Enumerable.Range(0, VariancePerDim.Length).Where(j => VariancePerDim[j] <= VarianceThreshold).ToArray();

    public CollapseVerdict Verdict =>
        ActiveByVariance.Length == 0 ? CollapseVerdict.Collapsed : Dead.Length > 0 ? CollapseVerdict.PartiallyCollapsed : CollapseVerdict.Healthy;

    /// <summary>The verdict in words a user understands.</summary>
    public IEnumerable<string> Reasons()
    {
        int d = VariancePerDim.Length;
        yield return "A deterministic encoder (a point mass): no per-dimension KL and no I(x; z) to report (the KL of a point mass to the prior is infinite, "
            + $"and I(x; z) is unbounded for continuous codes). {ActiveByVariance.Length} of {d} dimensions are active by Var_x z_j > {VarianceThreshold}.";
        if (Dead.Length > 0)
            yield return $"Unused dimensions: {string.Join(", ", Dead.Select(j => j + 1))} (1-based); their code does not move with x.";
        yield return $"MMD² of the codes to N(0, I): {PriorMmd:F4} (IMQ kernel, {MmdExamples:N0} codes; about 0 when the codes are distributed as the prior). "
            + "Samples from the prior decode to data only when the codes match it; otherwise fit a density to the codes (`vae fid --prior fitted` scores a fitted Gaussian).";
    }
}
