using static TorchSharp.torch;

namespace Vae.Objectives;

/// <summary>
/// Minibatch estimates of the aggregate posterior q(z) = (1/N) Σ_n q(z|x_n) and of its marginals
/// (Chen et al. 2018, "Isolating sources of disentanglement in VAEs"), at the samples z_i ~ q(z|x_i) of a
/// minibatch of M examples from a data set of N. Each q(z_i) is Σ_j w_ij q(z_i|x_j) with the importance
/// weights of a minibatch that holds x_i and M − 1 other examples drawn from the rest: w_ii = 1/N and
/// w_ij = (N − 1)/(N(M − 1)), an unbiased estimate of q(z_i). (The paper's simplified weighting 1/(NM) for
/// every j has the same gradients up to the self term but offsets log q(z) by −log N and the total
/// correlation by (d − 1)·log N, so its TC is not comparable to the true one; these weights make it so.)
/// Diagonal Gaussian posteriors; the [M, M, d] table of log q(z_i,k | x_j) is held in memory.
/// </summary>
public static class MinibatchWeighted
{
    static readonly double Log2Pi = Math.Log(2 * Math.PI);

    /// <summary>log w_ij [M, M] for a minibatch of <paramref name="m"/> from a data set of <paramref name="n"/> (n ≥ m).</summary>
    public static Tensor LogWeights(long m, long n, ScalarType dtype = ScalarType.Float32, Device? device = null)
    {
        n = Math.Max(n, m);
        if (m == 1) return zeros([1, 1], dtype: dtype, device: device);
        double other = Math.Log((n - 1.0) / (n * (m - 1.0))), self = -Math.Log(n);
        return full([m, m], other, dtype: dtype, device: device) + (self - other) * eye(m, dtype: dtype, device: device);
    }

    /// <summary>
    /// log q(z_i|x_i), log q(z_i), Σ_k log q(z_ik), log p(z_i) for samples <paramref name="z"/> [M, d] of the
    /// posteriors N(<paramref name="mean"/>, exp(<paramref name="logVariance"/>)) [M, d], in a data set of <paramref name="datasetSize"/>.
    /// </summary>
    public static LogDensities Estimate(Tensor mean, Tensor logVariance, Tensor z, long datasetSize)
    {
        long m = z.shape[0];
        // log q(z_ik | x_j) per dimension: [M (sample i), M (posterior j), d]
        var diff = z.unsqueeze(1) - mean.unsqueeze(0);
        var table = -0.5 * (Log2Pi + logVariance.unsqueeze(0) + diff.square() * (-logVariance).exp().unsqueeze(0));
        var logW = LogWeights(m, datasetSize, z.dtype, z.device);                  // [M, M]
        var logQz = (table.sum(-1) + logW).logsumexp(dim: 1);                         // [M]
        var logProduct = (table + logW.unsqueeze(-1)).logsumexp(dim: 1).sum(-1);     // [M]
        var own = z - mean;
        var logQzGivenX = (-0.5 * (Log2Pi + logVariance + own.square() * (-logVariance).exp())).sum(-1);
        var logPz = (-0.5 * (Log2Pi + z.square())).sum(-1);
        return new LogDensities(logQzGivenX, logQz, logProduct, logPz);
    }
}
