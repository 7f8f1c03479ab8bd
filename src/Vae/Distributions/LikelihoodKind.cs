namespace Vae.Distributions;

/// <summary>The observation model p(x|z).</summary>
public enum LikelihoodKind
{
    /// <summary>Bernoulli with the decoder's output as logits (binary or [0,1] data).</summary>
    Bernoulli,
    /// <summary>Gaussian with a fixed σ (<c>--sigma</c>).</summary>
    Gaussian,
    /// <summary>Gaussian with one learned σ shared by all features, floored at σ_min.</summary>
    GaussianLearned,
    /// <summary>Gaussian with the calibrated optimal σ² = mean squared error (σ-VAE, Rybkin et al. 2021), floored.</summary>
    GaussianOptimal,
    /// <summary>Gaussian with a learned σ per feature, floored at σ_min.</summary>
    GaussianPerFeature,
    /// <summary>Poisson counts, mean = softmax(decoder output) × the example's total count (library size).</summary>
    Poisson,
    /// <summary>Negative binomial counts with a learned dispersion per feature, mean as for <see cref="Poisson"/>.</summary>
    NegativeBinomial,
    /// <summary>Zero-inflated negative binomial: two decoder outputs per feature (mean logits, zero-inflation logits).</summary>
    ZeroInflatedNegativeBinomial,
    /// <summary>A categorical over <c>ModelOptions.Classes</c> classes per value, with logits (token ids stored as floats).</summary>
    Categorical,
}
