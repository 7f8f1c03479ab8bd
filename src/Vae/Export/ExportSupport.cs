using Vae.Distributions;
using Vae.Models;
using Vae.Nn;

namespace Vae.Export;

/// <summary>
/// What the exports (ONNX, PyTorch) can express: an MLP, convolutional or linear encoder and its mirror decoder, a
/// diagonal Gaussian posterior (a VAE) or a point mass (an autoencoder), a Bernoulli or Gaussian likelihood, the log1p
/// input transform. Everything else is named in one line before anything is written. One set of rules for every format.
/// </summary>
public static class ExportSupport
{
    /// <summary>The first part of the model the exports cannot express, as people name it; null when they can express it all.</summary>
    public static string? Unsupported(ModelOptions o)
    {
        if (o.PixelCnn is not null) return "the PixelCNN decoder (autoregressive: each value's parameters depend on x)";
        if (o.PosteriorExtension is { } e) return $"the posterior extension {Named(e.GetType().Name)} (a flow, hierarchy or quantizer)";
        if (o.Prior is { } p) return $"the learned prior {Named(p.GetType().Name)}";
        if (o.Network is not (MlpNetwork or ConvNetwork or LinearNetwork)) return $"the {o.Network.Name.ToLowerInvariant()} network (recurrent layers)";
        if (o.Network is MlpNetwork { ZInjection: not ZInjection.Input } m) return $"z injection {m.ZInjection} in the decoder";
        if (o.Posterior == PosteriorKind.FullCovariance) return "the full-covariance posterior";
        if (o.Likelihood is not (LikelihoodKind.Bernoulli or LikelihoodKind.Gaussian or LikelihoodKind.GaussianLearned
            or LikelihoodKind.GaussianOptimal or LikelihoodKind.GaussianPerFeature))
            return $"the {o.Likelihood} likelihood (only Bernoulli and Gaussian likelihoods are exported)";
        if (o.Conditions > 0) return $"the {o.Conditions} conditions c (a conditional decoder)";
        if (o.Shortcut != Shortcut.None) return "the shortcut from x to the decoder";
        if (o.PropertyHead is not null) return "the property head";
        if (o.LatentLibrary is not null) return "the latent library size head";
        return null;
    }

    /// <summary>
    /// Throws a one-line <see cref="VaeException"/> naming the part when the model cannot be exported to
    /// <paramref name="format"/> (as people name it: ONNX, PyTorch); <paramref name="model"/> names the model.
    /// </summary>
    public static void Check(ModelOptions o, string model, string format)
    {
        if (Unsupported(o) is { } part)
            throw new VaeException($"{model}: cannot export to {format}: {part} has no {format} form here; nothing was written.");
    }

    static string Named(string typeName) => typeName.Replace("Options", "");
}
