namespace Vae.Evaluation;

/// <summary>
/// A VQ-VAE's codebook usage on <see cref="Examples"/> examples (<see cref="CodebookUsage"/>): <see cref="Counts"/>[p, k]
/// is how often position p of the Grid×Grid grid chose code k; <see cref="GridEntropy"/> the plug-in entropy (nats) of
/// the whole grids, of which there were <see cref="DistinctGrids"/>; <see cref="Variance"/>[j] is Var_x z_j of the
/// quantized code's L·e values.
/// </summary>
public sealed record CodebookReport(int Codes, int Grid, long[,] Counts, int Examples, double GridEntropy, int DistinctGrids, double[] Variance)
{
    /// <summary>The covariance criterion's threshold on Var_x z_j (Burda et al. 2015), as for the other models.</summary>
    public const double VarianceThreshold = 0.01;

    public int Positions => Grid * Grid;

    /// <summary>How often each code is chosen over all positions: [K].</summary>
    public long[] CodeCounts => Enumerable.Range(0, Codes).Select(k => Enumerable.Range(0, Positions).Sum(p => Counts[p, k])).ToArray();

    /// <summary>Codes chosen at least once.</summary>
    public int UsedCodes => CodeCounts.Count(c => c > 0);

    /// <summary>exp H(code usage over all positions): the number of equally used codes that would have the same entropy (K at most).</summary>
    public double Perplexity => Math.Exp(CodebookUsage.Entropy(CodeCounts));

    /// <summary>The entropy of the code at each position (nats): I(x; z_p), as the encoder is deterministic. [L]</summary>
    public double[] PositionEntropy => Enumerable.Range(0, Positions).Select(p => CodebookUsage.Entropy(Enumerable.Range(0, Codes).Select(k => Counts[p, k]))).ToArray();

    /// <summary>exp of <see cref="PositionEntropy"/>: the effective number of codes used at each position. [L]</summary>
    public double[] PositionPerplexity => PositionEntropy.Select(Math.Exp).ToArray();

    /// <summary>Codes chosen at least once at each position. [L]</summary>
    public int[] PositionUsedCodes => Enumerable.Range(0, Positions).Select(p => Enumerable.Range(0, Codes).Count(k => Counts[p, k] > 0)).ToArray();

    /// <summary>Positions whose code carries more than <paramref name="threshold"/> nats about x.</summary>
    public int ActivePositions(double threshold) => PositionEntropy.Count(h => h > threshold);

    /// <summary>Latent values (of L·e) whose Var_x z_j exceeds <see cref="VarianceThreshold"/>.</summary>
    public int ActiveByVariance => Variance.Count(v => v > VarianceThreshold);

    /// <summary>Collapsed when no position carries information, partially when some do not (or codes go unused), else healthy.</summary>
    public CollapseVerdict Verdict(double threshold) =>
        ActivePositions(threshold) == 0 ? CollapseVerdict.Collapsed
        : ActivePositions(threshold) < Positions || UsedCodes < Codes ? CollapseVerdict.PartiallyCollapsed
        : CollapseVerdict.Healthy;

    /// <summary>The verdict in words a user understands.</summary>
    public IEnumerable<string> Reasons(double threshold)
    {
        int active = ActivePositions(threshold);
        if (active == 0)
            yield return $"Codebook collapse: every position uses one code for every example (code entropy ≤ {threshold} nats), so z tells the decoder nothing about x.";
        else if (active < Positions)
            yield return $"{Positions - active} of {Positions} grid positions carry (almost) no information (code entropy ≤ {threshold} nats): they use one code for every example.";
        if (UsedCodes < Codes)
            yield return $"Dead codes: {Codes - UsedCodes} of {Codes} codebook entries are never chosen (perplexity {Perplexity:F1}). A smaller --vq-codes loses nothing; a lower --vq-dim or a longer run often uses more.";
        if (active == Positions && UsedCodes == Codes)
            yield return $"Every position carries information and every code is used (perplexity {Perplexity:F1} of {Codes}); I(x; z) = H(z) ≈ {MutualInformation:F2} nats (at most log N = {Math.Log(Examples):F2} with this estimator).";
    }

    /// <summary>I(x; z) = H(z) for a deterministic encoder, estimated by <see cref="GridEntropy"/> (at most log N).</summary>
    public double MutualInformation => GridEntropy;

    /// <summary>KL(q(z|x) ‖ uniform prior over the codes) = L log K for every x.</summary>
    public double KlToUniform => Positions * Math.Log(Codes);
}
