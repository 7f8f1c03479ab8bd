using Vae.Evaluation;
using static TorchSharp.torch;

namespace Vae.Samplers;

/// <summary>The codes a fitted sampler learns from: the posterior means μ(x) of the training data.</summary>
public static class PosteriorMeans
{
    /// <summary>μ(x) of every training example of <paramref name="fit"/>: [N, d] float64 on the CPU.</summary>
    public static Tensor Of(SamplerFit fit)
    {
        fit.Progress?.Report($"encoding {fit.Train.Count:N0} training examples");
        var (mean, _) = Generation.Encode(fit.Model, fit.Train, fit.Device);
        return tensor(mean, [fit.Train.Count, fit.Model.Latent]).to(ScalarType.Float64);
    }
}
