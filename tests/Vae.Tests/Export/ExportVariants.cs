using Vae.Distributions;
using Vae.Models;
using Vae.Nn;

namespace Vae.Tests.Export;

/// <summary>Small models covering every activation, Gaussian variance mode, input transform, autoencoder, linear and
/// conv network an export can express; the ONNX and the PyTorch export tests both run them.</summary>
public static class ExportVariants
{
    public static readonly IReadOnlyDictionary<string, ModelOptions> Models = new Dictionary<string, ModelOptions>
    {
        ["mlp-leaky-relu-gaussian-per-feature"] = Mlp(ActivationKind.LeakyRelu) with { Likelihood = LikelihoodKind.GaussianPerFeature, Sigma = 0.3 },
        ["mlp-elu-gaussian-fixed"] = Mlp(ActivationKind.Elu) with { Likelihood = LikelihoodKind.Gaussian, Sigma = 0.7 },
        ["mlp-tanh-bernoulli"] = Mlp(ActivationKind.Tanh),
        ["mlp-gelu-gaussian-learned"] = Mlp(ActivationKind.Gelu) with { Likelihood = LikelihoodKind.GaussianLearned, Sigma = 0.5 },
        ["mlp-silu-gaussian-optimal"] = Mlp(ActivationKind.Silu) with { Likelihood = LikelihoodKind.GaussianOptimal, Sigma = 0.2 },
        ["mlp-softplus-log1p"] = Mlp(ActivationKind.Softplus) with { Likelihood = LikelihoodKind.Gaussian, InputTransform = InputTransform.Log1p },
        ["ae-mlp"] = Mlp(ActivationKind.Relu) with { Posterior = PosteriorKind.PointMass },
        ["linear-gaussian-per-feature"] = TestModels.Linear(12, 3),
        ["conv-3x32x32-elu-gaussian"] = new() { Input = DataShape.Image(3, 32, 32), Latent = 5, Likelihood = LikelihoodKind.GaussianLearned, Sigma = 0.4,
            Network = new ConvNetwork { Hidden = [24], Activation = ActivationKind.Elu, Channels = [8, 16, 16] } },
        ["conv-ae"] = new() { Input = DataShape.Image(1, 16, 16), Latent = 3, Posterior = PosteriorKind.PointMass, Network = new ConvNetwork { Hidden = [16] } },
    };

    static ModelOptions Mlp(ActivationKind activation) => TestModels.SmallMlp(input: 12, latent: 3) with
    {
        Network = new MlpNetwork { Hidden = [16, 8], Activation = activation },
    };
}
