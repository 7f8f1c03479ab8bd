namespace Vae.Samplers.Gmm;

/// <summary>
/// How a Gaussian mixture is fitted by EM (full covariances). The defaults are scikit-learn's GaussianMixture's, which
/// pythae's GaussianMixtureSampler uses, except the number of components (pythae's 10).
/// </summary>
public sealed record GmmOptions
{
    /// <summary>Mixture components K (default 10, as pythae).</summary>
    public int Components { get; init => field = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(Components), value, "Components: must be ≥ 1."); } = 10;

    /// <summary>Added to every covariance's diagonal so that it stays positive definite (scikit-learn's reg_covar).</summary>
    public double RegCovar { get; init => field = value >= 0 && double.IsFinite(value) ? value : throw new ArgumentOutOfRangeException(nameof(RegCovar), value, "RegCovar: must be ≥ 0."); } = 1e-6;

    /// <summary>EM stops when the mean log-likelihood per example changes by less than this (nats; scikit-learn's tol).</summary>
    public double Tolerance { get; init => field = value > 0 && double.IsFinite(value) ? value : throw new ArgumentOutOfRangeException(nameof(Tolerance), value, "Tolerance: must be > 0."); } = 1e-3;

    /// <summary>At most this many EM iterations (scikit-learn's max_iter).</summary>
    public int MaxIterations { get; init => field = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(MaxIterations), value, "MaxIterations: must be ≥ 1."); } = 100;

    /// <summary>At most this many Lloyd iterations of the k-means that gives EM its initial responsibilities.</summary>
    public int KMeansIterations { get; init => field = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(KMeansIterations), value, "KMeansIterations: must be ≥ 1."); } = 300;

    public static GmmOptions Default { get; } = new();
}
