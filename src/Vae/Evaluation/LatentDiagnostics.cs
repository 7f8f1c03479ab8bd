using TorchSharp;
using Vae.Data;
using Vae.Distributed;
using Vae.Distributions;
using Vae.Models;
using static TorchSharp.torch;

namespace Vae.Evaluation;

public enum CollapseVerdict { Healthy, PartiallyCollapsed, Collapsed }

/// <summary>What the latent space of a model carries, measured on a data set.</summary>
public sealed record LatentReport(
    double[] KlPerDim,
    double[] MeanVariancePerDim,
    double KlThreshold,
    double VarianceThreshold,
    double MutualInformation,
    int Examples,
    int AggregateExamples)
{
    public double KlTotal => KlPerDim.Sum();
    public int[] ActiveByKl => Enumerable.Range(0, KlPerDim.Length).Where(j => KlPerDim[j] > KlThreshold).ToArray();
    public int[] ActiveByVariance => Enumerable.Range(0, KlPerDim.Length).Where(j => MeanVariancePerDim[j] > VarianceThreshold).ToArray();
    /// <summary>Dimensions whose mean KL is at or under the threshold: they carry (almost) nothing about x.</summary>
    public int[] Dead => Enumerable.Range(0, KlPerDim.Length).Where(j => KlPerDim[j] <= KlThreshold).ToArray();

    /// <summary>
    /// Dimensions that pay KL (above the threshold) while their posterior mean hardly moves with x
    /// (Var_x E[z_j|x] at or under the covariance threshold): q(z_j|x) differs from the prior in the same
    /// way for every x — narrower or shifted — which costs KL and tells the decoder little about x.
    /// A capacity objective pulled up faster than the decoder learns to use z ends here.
    /// </summary>
    public int[] Uninformative => Enumerable.Range(0, KlPerDim.Length).Where(j => KlPerDim[j] > KlThreshold && MeanVariancePerDim[j] <= VarianceThreshold).ToArray();

    /// <summary>Mutual information below which the code is said to carry nothing (nats).</summary>
    public const double NegligibleInformation = 0.05;

    /// <summary>
    /// Below this I(x; z) (nats) a code whose every dimension fails the covariance criterion counts as
    /// collapsed even if it pays KL: less than one nat tells fewer than e inputs apart.
    /// </summary>
    public const double CollapsedInformation = 1.0;

    /// <summary>KL spent, but no dimension passes the covariance criterion and z tells almost nothing about x.</summary>
    public bool KlWithoutInformation => ActiveByKl.Length > 0 && ActiveByVariance.Length == 0 && MutualInformation < CollapsedInformation;

    public CollapseVerdict Verdict =>
        ActiveByKl.Length == 0 || KlWithoutInformation ? CollapseVerdict.Collapsed
        : Dead.Length > 0 || Uninformative.Length > 0 ? CollapseVerdict.PartiallyCollapsed
        : CollapseVerdict.Healthy;

    /// <summary>The verdict in words a user understands.</summary>
    public IEnumerable<string> Reasons()
    {
        int d = KlPerDim.Length;
        switch (Verdict)
        {
            case CollapseVerdict.Collapsed when KlWithoutInformation:
                yield return $"Posterior collapse in information: the code pays {KlTotal:F2} nats of KL, but no dimension's mean moves with x "
                    + $"(Var_x E[z_j|x] ≤ {VarianceThreshold} in all {d}) and I(x; z) ≈ {MutualInformation:F3} nats: q(z|x) differs from the prior in the same way for every x "
                    + "(narrower or shifted), which the KL counts but the decoder cannot use. The KL alone does not show it.";
                yield return "Typical of a capacity objective (--objective capacity) whose target C rises faster than the decoder learns to use z: raise C more slowly (--capacity-epochs) or lower --capacity-gamma. "
                    + "Otherwise the remedies of collapse apply: KL warm-up or cyclical annealing (--kl-schedule), free bits (--free-bits), a weaker decoder.";
                break;
            case CollapseVerdict.Collapsed:
                yield return $"Posterior collapse: no latent dimension has a mean KL above {KlThreshold} nats ({ActiveByVariance.Length} pass the covariance criterion Var_x E[z_j|x] > {VarianceThreshold}) "
                    + $"and I(x; z) ≈ {MutualInformation:F3} nats{(MutualInformation < NegligibleInformation ? "" : " (small but not zero)")}: q(z|x) is (nearly) the prior for every x, so the decoder ignores z and the model is a density model of x alone.";
                yield return "Remedies: KL warm-up or cyclical annealing (--kl-schedule), free bits (--free-bits), a weaker decoder, or injecting z into every decoder layer (--z-injection every-layer|film).";
                break;
            case CollapseVerdict.PartiallyCollapsed:
                yield return $"{ActiveByKl.Length} of {d} dimensions are active (mean KL > {KlThreshold} nats); {ActiveByVariance.Length} by the covariance criterion; I(x; z) ≈ {MutualInformation:F2} nats.";
                if (Dead.Length > 0)
                    yield return $"Unused (dead) dimensions: {string.Join(", ", Dead.Select(j => j + 1))} (1-based). They carry no information about x; "
                        + "`vae prune` removes them with no loss in the ELBO, or a smaller --latent would do.";
                if (Uninformative.Length > 0)
                    yield return $"Dimensions that pay KL but whose mean hardly moves with x (Var_x E[z_j|x] ≤ {VarianceThreshold}): {string.Join(", ", Uninformative.Select(j => j + 1))} (1-based); "
                        + "their KL buys a narrower or shifted posterior, not information about x.";
                break;
            default:
                yield return $"All {d} dimensions are active (mean KL > {KlThreshold} nats and Var_x E[z_j|x] > {VarianceThreshold}); I(x; z) ≈ {MutualInformation:F2} nats (at most log N = {Math.Log(AggregateExamples):F2} with this estimator).";
                break;
        }
    }
}

/// <summary>
/// Diagnostics of the latent space (posterior collapse, active units, mutual information):
/// <list type="bullet">
/// <item>KL̄_j = (1/N) Σ_i KL(q(z_j|x_i) ‖ p(z_j)), in closed form for the prior N(0, I). For other priors (a VampPrior,
/// a hierarchy) the model's own per-dimension Monte Carlo terms at one sample per example (<see cref="ElboEstimator"/>,
/// the chain-rule terms log q(z_j|·) − log p(z_j | ·) that sum to the ELBO's KL), averaged over the examples.</item>
/// <item>Active units, by KL̄_j &gt; threshold (default 0.05 nats), and by the covariance criterion of Burda
/// et al. (2015): A_j = Var_x(E_q[z_j|x]) &gt; 0.01.</item>
/// <item>I(x; z) as in He et al. (2019): I = E_x E_q(z|x)[log q(z|x) − log q(z)], with the aggregate
/// posterior q(z) approximated by the mixture (1/M) Σ_m q(z|x_m) over M encoded examples
/// (log-sum-exp), at one sample z_i ~ q(z|x_i) for each of the N examples:
/// Î = (1/N) Σ_i [log q(z_i|x_i) − log (1/M) Σ_m q(z_i|x_m)]. He et al. use the closed-form entropy
/// for the first term; using the same z_i in both terms (done here) has the same expectation and far
/// less variance near collapse, where the two terms cancel (Î = 0 exactly when q(z|x) is the same for
/// every x). The estimate is biased and at most log M; with M in the thousands it separates
/// "nothing" (≈ 0) from "a lot" reliably. With a second stochastic layer it is I(x; z₁), which equals I(x; z₁, z₂)
/// because q(z₂|z₁) does not see x.</item>
/// </list>
/// </summary>
public static class LatentDiagnostics
{
    /// <summary>Examples whose log q(z_i) under the aggregate posterior are computed in one piece ([chunk, M, d] values).</summary>
    public const int MutualInformationChunk = 256;

    /// <summary>
    /// The report. With <paramref name="ranks"/> (an mpirun) the encoding and the I(x; z) estimate's blocks of examples are
    /// split over the ranks and every rank returns one process's report, to the bit: the posterior parameters are
    /// gathered in example order (<see cref="Generation.Encode"/>), every rank draws the same z, and the per-block sums
    /// of log q(z_i) are added on every rank in block order, as one process adds them. A prior other than N(0, I) has its
    /// per-dimension KL from the one-sample ELBO, which every rank computes in full.
    /// </summary>
    public static LatentReport Measure(VaeModel model, Dataset data, Device device, double klThreshold = 0.05, double varianceThreshold = 0.01,
        int aggregate = 10_000, int seed = 0, Communicator? ranks = null)
    {
        if (!model.IsVariational) throw new VaeException("an autoencoder has no posterior to diagnose.");
        var (mean, std) = Generation.Encode(model, data, device, ranks: ranks);
        int n = data.Count, d = model.Latent;
        var kl = model.HasStandardPrior ? GaussianKl.MeanPerDimension(mean, std, d) : ElboEstimator.Estimate(model, data, device, seed).KlPerDim;
        var mu = new double[d];
        var mu2 = new double[d];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < d; j++)
            {
                double m = mean[i * d + j];
                mu[j] += m / n;
                mu2[j] += m * m / n;
            }
        var variance = Enumerable.Range(0, d).Select(j => Math.Max(0, mu2[j] - mu[j] * mu[j]) * n / Math.Max(1, n - 1)).ToArray();
        int m2 = Math.Min(aggregate, n);
        // A second stochastic layer's z₂ is drawn given z₁ alone (q(z₂|z₁)), so I(x; z₁, z₂) = I(x; z₁): the head's d₁ dimensions.
        int head = model.Options.Latent;
        double mi = head == d ? MutualInformation(mean, std, n, d, m2, device, seed, ranks)
            : MutualInformation(Columns(mean, n, d, head), Columns(std, n, d, head), n, head, m2, device, seed, ranks);
        return new LatentReport(kl, variance, klThreshold, varianceThreshold, mi, n, m2);
    }

    // The first `width` of d columns of an [n·d] row-major array: [n·width].
    static float[] Columns(float[] values, int n, int d, int width)
    {
        var result = new float[n * width];
        for (int i = 0; i < n; i++) Array.Copy(values, i * d, result, i * width, width);
        return result;
    }

    /// <summary>The He et al. (2019) estimate of I(x; z) from posterior means and standard deviations (N×d each).</summary>
    /// <remarks>
    /// The sum over examples of log q(z_i) is taken over chunks of <see cref="MutualInformationChunk"/> examples in order;
    /// with <paramref name="ranks"/> each rank computes a contiguous block of the chunks and the chunks' sums are added in
    /// chunk order on every rank, which is one process's sum to the bit.
    /// </remarks>
    public static double MutualInformation(float[] mean, float[] std, int n, int d, int aggregate, Device device, int seed, Communicator? ranks = null)
    {
        ranks ??= Communicator.Single;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var (logPosterior, mine) = MutualInformationBlock(mean, std, n, d, aggregate, device, seed, ranks.Rank, ranks.Size);
        double sumLogQz = RankBlocks.SumInOrder(ranks, mine, clock.Elapsed, "the gathering of every rank's sums of log q(z) for I(x; z)");
        return logPosterior - sumLogQz / n;
    }

    /// <summary>
    /// The mean of log q(z_i|x_i) over all examples, and the sums Σ_i log q(z_i) (q the aggregate posterior) of the chunks
    /// in rank <paramref name="rank"/>'s block (of <paramref name="size"/> ranks), one per chunk in order.
    /// </summary>
    public static (double LogPosterior, double[] ChunkSums) MutualInformationBlock(float[] mean, float[] std, int n, int d, int aggregate, Device device, int seed, int rank, int size)
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator((ulong)seed, device);
        var mu = tensor(mean, [n, d]).to(device).to(ScalarType.Float64);
        var logvar = (2 * tensor(std, [n, d]).to(device).to(ScalarType.Float64).log());
        double log2pi = Math.Log(2 * Math.PI);
        var eps = randn([n, d], dtype: ScalarType.Float64, device: device, generator: generator);
        var z = mu + (0.5 * logvar).exp() * eps;
        // log q(z_i|x_i) at the drawn z_i: −½ Σ_j (log 2π + log σ_ij² + ε_ij²)
        double logPosterior = (-0.5 * (log2pi + logvar + eps.square()).sum(-1)).mean().item<double>();
        var aggMu = mu.narrow(0, 0, aggregate);
        var aggLogvar = logvar.narrow(0, 0, aggregate);
        var aggInvVar = (-aggLogvar).exp();
        var aggConst = -0.5 * (log2pi * d + aggLogvar.sum(-1));             // [M]
        const int chunk = MutualInformationChunk;
        int chunks = (n + chunk - 1) / chunk;
        var (first, count) = RankBlocks.Of(chunks, rank, size);
        var mine = new double[count];
        for (int k = 0; k < count; k++)
        {
            using var inner = NewDisposeScope();
            int start = (first + k) * chunk;
            int c = Math.Min(chunk, n - start);
            var zc = z.narrow(0, start, c).unsqueeze(1);                          // [c, 1, d]
            var diff = zc - aggMu.unsqueeze(0);                                   // [c, M, d]
            var logDensity = aggConst.unsqueeze(0) - 0.5 * (diff.square() * aggInvVar.unsqueeze(0)).sum(-1); // [c, M]
            mine[k] = (logDensity.logsumexp(dim: 1) - Math.Log(aggregate)).sum().item<double>();
        }
        return (logPosterior, mine);
    }
}
