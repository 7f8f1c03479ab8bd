using Vae.Distributions;
using Vae.Nn;

namespace Vae.Models;

/// <summary>
/// A PixelCNN decoder conditioned on z, in place of the network's mirror decoder: autoregressive over
/// pixels and strong enough to ignore z (images only; the encoder is the network's).
/// </summary>
public sealed record PixelCnnOptions
{
    /// <summary>Feature channels of the PixelCNN decoder.</summary>
    public int Features { get; init => field = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(Features), value, "Features: must be ≥ 1."); } = 32;

    /// <summary>Residual masked 3×3 layers (after its 7×7 input layer).</summary>
    public int Layers { get; init => field = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(Layers), value, "Layers: must be ≥ 0."); } = 3;

    /// <summary>How z enters the PixelCNN: at its first layer, in every layer (skip-VAE), or by FiLM.</summary>
    public ZInjection ZInjection { get; init; } = ZInjection.Input;

    public Decoder Build(ModelOptions o, int paramsPerValue) =>
        new PixelCnnDecoder(o.DecoderInputSize, o.Input, Features, Layers, paramsPerValue, ZInjection);

    public void Validate(ModelOptions o)
    {
        if (!o.Input.IsImage) throw new VaeException($"the PixelCNN decoder needs images; the data is {o.Input}.");
        if (o.Likelihood is not (LikelihoodKind.Bernoulli or LikelihoodKind.Gaussian or LikelihoodKind.GaussianLearned))
            throw new VaeException($"the PixelCNN decoder supports the bernoulli, gaussian and gaussian-learned likelihoods, not {o.Likelihood}.");
        if (o.Shortcut != Shortcut.None) throw new VaeException("a PixelCNN decoder already sees x; it takes no shortcut.");
    }

    /// <summary>Feature maps and their intermediates per decoder row.</summary>
    public long ActivationsPerRow(DataShape input) => 4L * Features * input.Height * input.Width * (Layers + 2);
}
