using TorchSharp;
using TorchSharp.Modules;
using Vae.Distributions;
using Vae.Nn;
using static TorchSharp.torch;

namespace Vae.Models;

/// <summary>
/// The latent library size as a module (scVI): a linear head on the encoder trunk's features h [B, H] giving
/// q(l|x) over l = log ℓ as offsets from the example's prior p(l) = N(m_b, s_b²) of its batch, so q starts
/// close to p(l). Its parameters are a linear layer's (initialised as one).
/// </summary>
public sealed class LatentLibraryHead : nn.Module, ILinearParameters
{
    private readonly Parameter weight;   // [2, H]
    private readonly Parameter bias;     // [2]
    private readonly double[] logMean;
    private readonly double[] logVariance;
    private readonly bool conditioned;

    public LatentLibraryHead(int features, LatentLibraryOptions options, int conditions) : base(nameof(LatentLibraryHead))
    {
        weight = new Parameter(empty(2, features));
        bias = new Parameter(empty(2));
        logMean = options.LogMean!;
        logVariance = options.LogVariance!;
        conditioned = conditions > 0;
        RegisterComponents();
    }

    Tensor ILinearParameters.Weight => weight;
    Tensor? ILinearParameters.Bias => bias;

    /// <summary>The prior p(l) of each example: N(m_b, s_b²) of its batch (its one-hot condition c [B, G]), or the single global prior: [B, 1].</summary>
    public DiagonalGaussian Prior(Tensor x, Tensor? condition)
    {
        var mean = tensor(logMean, device: x.device).to(x.dtype);            // [G]
        var variance = tensor(logVariance, device: x.device).to(x.dtype);    // [G]
        if (!conditioned)
            return new DiagonalGaussian(mean.expand(new long[] { x.shape[0], 1 }), variance.log().expand(new long[] { x.shape[0], 1 }));
        var c = condition ?? throw new VaeException("this model's library-size prior is per batch; the data has no conditions.");
        return new DiagonalGaussian(c.matmul(mean).unsqueeze(-1), c.matmul(variance).log().unsqueeze(-1));
    }

    /// <summary>q(l|x) from the trunk's features h [B, H]: [B, 1].</summary>
    public DiagonalGaussian Posterior(Tensor h, Tensor x, Tensor? condition)
    {
        var prior = Prior(x, condition);
        var raw = nn.functional.linear(h, weight, bias).chunk(2, dim: -1);                         // [B, 1] each
        return new DiagonalGaussian(prior.Mean + raw[0], (prior.LogVariance! + raw[1]).clamp(DiagonalGaussian.MinLogVariance, DiagonalGaussian.MaxLogVariance));
    }
}
