using static TorchSharp.torch;

namespace Vae.Samplers;

/// <summary>
/// A distribution over z that a trained model generates from (<c>vae sample --sampler NAME</c>): the model's
/// prior, or one fitted after training to the codes of the training data (a Gaussian mixture on the aggregate
/// posterior, a second-stage VAE, an autoregressive prior over a quantizer's codes). Fitted samplers are saved
/// in the model folder and loaded from there.
/// </summary>
public abstract class LatentSampler : IDisposable
{
    /// <summary>n latent codes: [n, d] on <paramref name="device"/>, all randomness from <paramref name="generator"/>.</summary>
    public abstract Tensor Sample(long n, Device device, Generator generator);

    public virtual void Dispose() => GC.SuppressFinalize(this);
}
