using Vae.Distributions;
using Vae.Models;
using static TorchSharp.torch;

namespace Vae.Objectives;

/// <summary>
/// The importance-weighted bound (Burda et al. 2015) with the encoder as proposal:
/// L_K = log (1/K) Σ_k p(x, z_k) / q(z_k|x), z_k ~ q(z|x). L_1 is the ELBO (in expectation),
/// E[L_K] rises with K and tends to log p(x). Samples are drawn in chunks and combined with a
/// running log-sum-exp, so memory does not grow with K.
/// </summary>
public static class ImportanceWeighted
{
    /// <summary>
    /// log w_k = log p(x|z_k) + log p(z_k) − log q(z_k|x) for K samples: [K, B]. With a latent library size,
    /// <paramref name="library"/> is q(l|x) and l_k ~ q(l|x) is drawn too (after z): log w_k = log p(x|z_k, e^{l_k})
    /// + log p(z_k) − log q(z_k|x) + log p(l_k) − log q(l_k|x).
    /// </summary>
    public static Tensor LogWeights(VaeModel model, Posterior q, Batch batch, long k, Generator? generator = null, DiagonalGaussian? library = null) =>
        Draw(model, q, batch, k, generator, library).LogWeights;

    /// <summary>
    /// K draws z_k ~ q(z|x) with their log q(z_k|x), log p(x|z_k) and log weights (see <see cref="LogWeights"/>, which
    /// this computes): for objectives that report a one-sample ELBO beside the bound from the same draws.
    /// </summary>
    public static ImportanceDraws Draw(VaeModel model, Posterior q, Batch batch, long k, Generator? generator = null, DiagonalGaussian? library = null)
    {
        if (model.HasLatentLibrary != (library is not null))
            throw new ArgumentException("a model with a latent library size needs q(l|x) (VaeModel.EncodeWithLibrary), and only such a model takes one.", nameof(library));
        var (z, logQ) = q.SampleWithLogProb(k, generator);  // [K, B, d], [K, B]
        if (library is null)
        {
            var logLikelihood = model.LogLikelihood(batch, z);   // with log p(z): VaeModel.LogJoint
            return new ImportanceDraws(z, logQ, logLikelihood, logLikelihood + model.Prior.LogProb(z) - logQ);
        }
        var l = library.Sample(k, generator);              // [K, B, 1], drawn after z
        var withLibrary = model.LogLikelihood(batch, z, l);
        return new ImportanceDraws(z, logQ, withLibrary,
            withLibrary + model.Prior.LogProb(z) - logQ + model.LibraryPrior(batch).LogProb(l) - library.LogProb(l));
    }

    /// <summary>
    /// Takes from <paramref name="generator"/> exactly what <see cref="Bound"/> takes for the batch <paramref name="x"/>,
    /// without decoding: the encoder's q(z|x) (and q(l|x)) and, chunk by chunk, the draws of <see cref="Draw"/> (z, then l).
    /// A rank that evaluates a later block of examples calls it for the passes before its block, so its draws are one
    /// process's. Keep it in step with <see cref="Draw"/> (the distributed evaluation tests compare the two).
    /// </summary>
    public static void SkipDraws(VaeModel model, Batch x, int k, int chunk, Generator? generator)
    {
        using var scope = NewDisposeScope();
        var (q, library) = model.EncodeWithLibrary(x);
        for (int done = 0; done < k; done += chunk)
        {
            int n = Math.Min(chunk, k - done);
            q.SampleWithLogProb(n, generator);
            library?.Sample(n, generator);
        }
    }

    /// <summary>L_K per example for a batch x [B, D], drawing <paramref name="chunk"/> samples at a time: [B].</summary>
    public static Tensor Bound(VaeModel model, Batch x, int k, int chunk, Generator? generator = null)
    {
        if (k < 1) throw new ArgumentOutOfRangeException(nameof(k), k, "K must be ≥ 1.");
        if (!model.IsVariational) throw new VaeException("the importance-weighted bound needs a VAE; an autoencoder has no posterior.");
        using var scope = NewDisposeScope();
        var (q, library) = model.EncodeWithLibrary(x);
        Tensor? total = null;
        for (int done = 0; done < k; done += chunk)
        {
            int n = Math.Min(chunk, k - done);
            var lse = LogWeights(model, q, x, n, generator, library).logsumexp(dim: 0);  // [B]
            total = total is null ? lse : logaddexp(total, lse);
        }
        return (total! - Math.Log(k)).MoveToOuterDisposeScope();
    }
}
