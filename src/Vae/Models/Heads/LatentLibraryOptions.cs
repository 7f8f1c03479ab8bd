using Vae.Distributions;

namespace Vae.Models;

/// <summary>
/// A latent library size (scVI, Lopez et al. 2018) for count likelihoods, instead of the observed total:
/// l = log ℓ with an encoder head q(l|x) = N(μ_l(x), σ_l²(x)) and the prior N(<see cref="LogMean"/>,
/// <see cref="LogVariance"/>) of the example's batch; ℓ = exp(l) scales the normalised expression. The prior
/// is fitted to the training data (<see cref="FittedTo"/>) when a model is trained.
/// </summary>
public sealed record LatentLibraryOptions
{
    /// <summary>Prior mean m_b of log ℓ per batch (one value per condition, or one when there are none).</summary>
    public double[]? LogMean { get; init; }

    /// <summary>Prior variance s_b² of log ℓ per batch, as <see cref="LogMean"/>.</summary>
    public double[]? LogVariance { get; init; }

    /// <summary>Checks what does not depend on the data: a count likelihood and a VAE.</summary>
    public static void CheckModel(LikelihoodKind likelihood, PosteriorKind posterior)
    {
        if (!CountLikelihood.IsCountKind(likelihood))
            throw new VaeException($"--latent-library: a latent library size scales the mean of a count likelihood (--likelihood poisson, nb or zinb), not {System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(likelihood.ToString())}.");
        if (posterior == PosteriorKind.PointMass) throw new VaeException("--latent-library: a latent library size needs a VAE; an autoencoder has no posterior.");
    }

    public void Validate(ModelOptions model)
    {
        CheckModel(model.Likelihood, model.Posterior);
        int groups = Math.Max(1, model.Conditions);
        if (LogMean is not { } m || LogVariance is not { } v || m.Length != groups || v.Length != groups
            || m.Any(x => !double.IsFinite(x)) || v.Any(x => !(x > 0) || !double.IsFinite(x)))
            throw new VaeException($"--latent-library: the prior of log ℓ needs {groups} finite means and {groups} variances > 0 (latent_library.log_mean and log_variance: one per batch, set from the training data when a model is trained).");
    }

    /// <summary>The prior fitted to the training counts [N × D] and their one-hot batches [N × C] (<see cref="LibraryPrior.Fit"/>).</summary>
    public LatentLibraryOptions FittedTo(float[] features, int dimension, float[]? conditions, int conditionSize, string source)
    {
        var (mean, variance) = LibraryPrior.Fit(features, dimension, conditions, conditionSize, source);
        return this with { LogMean = mean, LogVariance = variance };
    }
}
