using TorchSharp;
using static TorchSharp.torch;

namespace Vae.Samplers.Gmm;

/// <summary>What EM reached: the mixture, its mean log-likelihood per example at the last E-step (nats), the iterations run, and whether the change fell below the tolerance.</summary>
public sealed record GmmFitResult(GaussianMixture Mixture, double LowerBound, int Iterations, bool Converged);

/// <summary>
/// Expectation–maximisation for a full-covariance Gaussian mixture, step for step as scikit-learn's GaussianMixture
/// (initial responsibilities from k-means, or given parameters; E-step; M-step with reg_covar on the diagonal;
/// stop when the mean log-likelihood changes by less than the tolerance), in float64.
/// </summary>
public static class GaussianMixtureEm
{
    /// <summary>numpy's float64 machine epsilon: scikit-learn adds 10ε to every N_k.</summary>
    const double MachineEpsilon = 2.220446049250313e-16;

    /// <summary>Fits to the rows of <paramref name="x"/> [N, d], initialised from k-means++ and Lloyd with <paramref name="generator"/> (CPU).</summary>
    public static GmmFitResult Fit(Tensor x, GmmOptions options, Generator generator, IProgress<string>? progress = null)
    {
        using var scope = NewDisposeScope();
        var data = x.cpu().to(ScalarType.Float64);
        var labels = KMeans.Labels(data, options.Components, options.KMeansIterations, generator);
        var resp = nn.functional.one_hot(labels, options.Components).to(ScalarType.Float64);
        var (w, m, c) = MStep(data, resp, options.RegCovar);
        return Iterate(data, w / data.shape[0], m, c, options, progress);
    }

    /// <summary>Fits to the rows of <paramref name="x"/> [N, d] from the given initial parameters (as scikit-learn's weights_init, means_init, precisions_init).</summary>
    public static GmmFitResult Fit(Tensor x, GmmOptions options, GaussianMixture initial, IProgress<string>? progress = null)
    {
        using var scope = NewDisposeScope();
        var (w, m, c) = initial.Validated().Tensors();
        return Iterate(x.cpu().to(ScalarType.Float64), w, m, c, options, progress);
    }

    static GmmFitResult Iterate(Tensor x, Tensor w, Tensor m, Tensor c, GmmOptions options, IProgress<string>? progress)
    {
        double lowerBound = double.NegativeInfinity;
        for (int iteration = 1; iteration <= options.MaxIterations; iteration++)
        {
            using var step = NewDisposeScope();
            double previous = lowerBound;
            var weighted = GaussianMixture.WeightedLogProb(x, w, m, c);               // [N, K]
            var logNorm = weighted.logsumexp(1, keepdim: true);                        // [N, 1]
            var resp = (weighted - logNorm).exp();
            var (nw, nm, nc) = MStep(x, resp, options.RegCovar);
            (w, m, c) = ((nw / nw.sum()).MoveToOuterDisposeScope(), nm.MoveToOuterDisposeScope(), nc.MoveToOuterDisposeScope());
            lowerBound = logNorm.mean().item<double>();
            if (!double.IsFinite(lowerBound)) throw new VaeException("the Gaussian mixture's log-likelihood is not finite; the codes may hold NaN.");
            bool converged = Math.Abs(lowerBound - previous) < options.Tolerance;
            if (converged || iteration % 10 == 0 || iteration == options.MaxIterations)
                progress?.Report($"EM iteration {iteration}: mean log-likelihood {lowerBound:F6} nats{(converged ? " (converged)" : "")}");
            if (converged) return new GmmFitResult(GaussianMixture.From(w, m, c), lowerBound, iteration, true);
        }
        progress?.Report($"EM stopped after {options.MaxIterations} iterations without converging (tolerance {options.Tolerance:G3} nats)");
        return new GmmFitResult(GaussianMixture.From(w, m, c), lowerBound, options.MaxIterations, false);
    }

    // Weights (unnormalised, N_k + 10ε as scikit-learn), means and covariances (+ reg_covar·I) from responsibilities [N, K].
    static (Tensor W, Tensor M, Tensor C) MStep(Tensor x, Tensor resp, double reg)
    {
        using var scope = NewDisposeScope();
        long d = x.shape[1];
        var nk = resp.sum(dim: 0) + 10 * MachineEpsilon;                                  // [K]
        var means = resp.T.matmul(x) / nk.unsqueeze(1);                                     // [K, d]
        var covariances = new List<Tensor>();
        for (long k = 0; k < means.shape[0]; k++)
        {
            var diff = x - means[k];                                                         // [N, d]
            covariances.Add((resp[.., k].unsqueeze(1) * diff).T.matmul(diff) / nk[k] + reg * eye(d, dtype: ScalarType.Float64));
        }
        return (nk.MoveToOuterDisposeScope(), means.MoveToOuterDisposeScope(), stack(covariances).MoveToOuterDisposeScope());
    }
}
