using static TorchSharp.torch;

namespace Vae.Distributions;

/// <summary>
/// An equal-weight mixture of K diagonal Gaussians, p(z) = (1/K) Σ_k N(z; μ_k, diag σ_k²) (the VampPrior's mixture of
/// posteriors at its pseudo-inputs). There is no closed-form KL to it: <see cref="Kl"/> is the Monte Carlo
/// log q(z) − log p(z) at the sample (<see cref="NeedsLogQ"/> is always true), and its per-dimension values are the
/// chain-rule terms log q(z_j|x) − log p(z_j | z_&lt;j) (<see cref="LogProbPerDim"/>), which sum to it exactly.
/// Holds references to tensors in the caller's dispose scope.
/// </summary>
public sealed class GaussianMixturePrior : Prior
{
    private static readonly double Log2Pi = Math.Log(2 * Math.PI);

    /// <summary>Elements of the [rows, K(, d)] intermediates one pass holds at most (bounds memory whatever the number of rows).</summary>
    private const long ElementsPerPass = 1L << 22;

    /// <param name="means">μ_k: [K, d].</param>
    /// <param name="logVariances">log σ_k²: [K, d].</param>
    public GaussianMixturePrior(Tensor means, Tensor logVariances)
    {
        if (means.dim() != 2 || !means.shape.SequenceEqual(logVariances.shape))
            throw new ArgumentException($"means [{string.Join(", ", means.shape)}] and log-variances [{string.Join(", ", logVariances.shape)}] must both be [K, d].");
        Means = means;
        LogVariances = logVariances;
    }

    /// <summary>μ_k: [K, d].</summary>
    public Tensor Means { get; }

    /// <summary>log σ_k²: [K, d].</summary>
    public Tensor LogVariances { get; }

    public long Components => Means.shape[0];

    public long Dimension => Means.shape[1];

    /// <summary>
    /// log N(z; μ_k, σ_k²) of every component: z [.., d] → [.., K]. Computed as one product in double precision,
    /// Σ_j (z_j² · (−½ w_kj) + z_j · μ_kj w_kj) + c_k with w = 1/σ², so K·d-sized work needs no [.., K, d] tensor.
    /// </summary>
    public Tensor ComponentLogProbs(Tensor z)
    {
        var lead = z.shape[..^1];
        var rows = z.reshape(-1, Dimension).to(ScalarType.Float64);
        var mean = Means.to(ScalarType.Float64);
        var logVariance = LogVariances.to(ScalarType.Float64);
        var precision = (-logVariance).exp();
        var weights = cat([-0.5 * precision, mean * precision], dim: 1).T;                                          // [2d, K]
        var constant = -0.5 * (Log2Pi * Dimension + logVariance.sum(-1) + (mean * mean * precision).sum(-1));     // [K]
        var chunks = InRows(rows.shape[0], Components, r => cat([r * r, r], dim: 1).matmul(weights) + constant, rows);
        return chunks.to(z.dtype).reshape([.. lead, Components]);
    }

    /// <summary>log p(z) = logsumexp_k log N(z; μ_k, σ_k²) − log K, summed over the last dimension of z [.., d] → [..].</summary>
    public override Tensor LogProb(Tensor z) => ComponentLogProbs(z).logsumexp(-1) - Math.Log(Components);

    /// <summary>
    /// log p(z_j | z_&lt;j) for each j: [.., d]. The prefix densities log p(z_≤j) = logsumexp_k Σ_{i≤j} log N(z_i; μ_ki, σ_ki²) − log K
    /// (each component's responsibilities given z_&lt;j weight its j-th factor), differenced over j; they sum to log p(z).
    /// </summary>
    public override Tensor LogProbPerDim(Tensor z)
    {
        var lead = z.shape[..^1];
        var rows = z.reshape(-1, Dimension);
        var perDim = InRows(rows.shape[0], Components * Dimension, r =>
        {
            var prefix = GaussianLogDensity.PerDimension(r.unsqueeze(1), Means, LogVariances).cumsum(-1)   // [n, K, d]
                .logsumexp(1) - Math.Log(Components);                                                         // [n, d]: log p(z_≤j)
            return cat([prefix.narrow(1, 0, 1), prefix.narrow(1, 1, Dimension - 1) - prefix.narrow(1, 0, Dimension - 1)], dim: 1);
        }, rows);
        return perDim.reshape([.. lead, Dimension]);
    }

    /// <summary>n draws: a component k uniformly, then z ~ N(μ_k, σ_k²): [n, d].</summary>
    public override Tensor Sample(long n, long latent, Device device, Generator? generator = null)
    {
        if (latent != Dimension) throw new ArgumentException($"this mixture is over {Dimension} dimensions, not {latent}.", nameof(latent));
        var k = randint(0, Components, [n], dtype: ScalarType.Int64, device: Means.device, generator: generator);
        var eps = randn([n, Dimension], dtype: Means.dtype, device: Means.device, generator: generator);
        return (Means.index_select(0, k) + (0.5 * LogVariances.index_select(0, k)).exp() * eps).to(device);
    }

    public override bool NeedsLogQ(Posterior q) => true;

    /// <summary>
    /// The Monte Carlo KL log q(z) − log p(z) at the sample [B], and the chain-rule terms log q(z_j|x) − log p(z_j | z_&lt;j)
    /// [B, d] that sum to it (q must be a diagonal Gaussian, whose log q(z) splits by dimension).
    /// </summary>
    public override (Tensor Total, Tensor PerDim) Kl(Posterior q, Tensor z, Tensor? logQ = null)
    {
        var diagonal = DiagonalPosterior(q);
        var logP = LogProbPerDim(z);
        var perDim = GaussianLogDensity.PerDimension(z, diagonal) - logP;
        if (logQ is null) throw new ArgumentNullException(nameof(logQ), "the KL to a mixture has no closed form: pass log q(z) at the sample (Posterior.SampleWithLogProb).");
        return (logQ - logP.sum(-1), perDim);
    }

    /// <summary>The total from <see cref="LogProb"/> (K·d work, no [B, K, d] chain rule); the chain-rule terms when read.</summary>
    public override (Tensor Total, Lazy<Tensor> PerDim) KlTerms(Posterior q, Tensor z, Tensor? logQ = null)
    {
        DiagonalPosterior(q);
        return MonteCarloKlTerms(q, z, logQ);
    }

    private static DiagonalGaussian DiagonalPosterior(Posterior q) => q is DiagonalGaussian { IsPointMass: false } diagonal ? diagonal
        : throw new VaeException($"a mixture prior takes a diagonal Gaussian posterior, not {q.GetType().Name}.");

    // f over the rows of x, a few at a time so that each pass holds about ElementsPerPass values of width perRow; concatenated.
    private static Tensor InRows(long n, long perRow, Func<Tensor, Tensor> f, Tensor x)
    {
        long size = Math.Max(1, ElementsPerPass / Math.Max(1, perRow));
        if (n <= size) return f(x);
        var parts = new List<Tensor>();
        for (long start = 0; start < n; start += size) parts.Add(f(x.narrow(0, start, Math.Min(size, n - start))));
        return cat(parts, dim: 0);
    }
}
