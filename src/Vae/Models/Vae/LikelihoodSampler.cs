using Vae.Distributions;
using Vae.Nn;
using static TorchSharp.torch;

namespace Vae.Models;

/// <summary>A likelihood as the <see cref="IValueSampler"/> a decoder generates with (its mean, or a draw from it).</summary>
public sealed class LikelihoodSampler(Likelihood likelihood) : IValueSampler
{
    public Tensor Mean(Tensor decoded) => likelihood.Mean(decoded);

    public Tensor Sample(Tensor decoded, Generator? generator) => likelihood.Sample(decoded, generator);
}
