using Vae.Models;
using static TorchSharp.torch;

namespace Vae.Objectives;

/// <summary>Turns the ELBO terms of a batch into the scalar loss that training minimises.</summary>
public sealed class Objective(ObjectiveOptions options)
{
    public ObjectiveOptions Options { get; } = options;

    /// <summary>Mean over the batch of −log p(x|z) + β·KL.</summary>
    public Tensor Loss(ElboTerms terms) => Options.Beta == 1.0
        ? (terms.Kl - terms.LogLikelihood).mean()
        : (Options.Beta * terms.Kl - terms.LogLikelihood).mean();
}
