using Vae.Distributions;
using Vae.Models;

namespace Vae.Tests;

public static class TestModels
{
    public static ModelOptions SmallMlp(int input = 16, int latent = 3, LikelihoodKind likelihood = LikelihoodKind.Bernoulli) => new()
    {
        Input = DataShape.Vector(input),
        Network = new MlpNetwork { Hidden = [32] },
        Latent = latent,
        Likelihood = likelihood,
    };

    /// <summary>A linear-Gaussian VAE with learned per-feature noise: its log p(x) is known exactly.</summary>
    public static ModelOptions Linear(int input, int latent) => new()
    {
        Network = new LinearNetwork(),
        Input = DataShape.Vector(input),
        Latent = latent,
        Likelihood = LikelihoodKind.GaussianPerFeature,
        Sigma = 0.5,
        SigmaFloor = 1e-3,
    };
}
