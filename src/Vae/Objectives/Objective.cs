using Vae.Models;
using static TorchSharp.torch;

namespace Vae.Objectives;

/// <summary>Turns the ELBO terms of a batch into the scalar loss that training minimises.</summary>
public class Objective(ObjectiveOptions options)
{
    public ObjectiveOptions Options { get; } = options;

    /// <summary>The weight on the KL at this point of training: β · w(t).</summary>
    public virtual double KlWeight(TrainingClock clock) => Options.Beta * Options.KlSchedule.Weight(clock);

    /// <summary>
    /// Mean over the batch of −log p(x|z) + weight·KL; with free bits the KL part is
    /// Σ_groups max(λ, batch-mean KL of the group); plus the weighted mean squared error of a property head,
    /// and the KL of a latent library size (unweighted).
    /// </summary>
    public virtual Tensor Loss(ElboTerms terms, double klWeight)
    {
        var reconstruction = -terms.LogLikelihood.mean();
        if (terms.LibraryKl is { } libraryKl) reconstruction = reconstruction + libraryKl.mean();   // a latent library's KL: weight 1 always (scVI)
        if (terms.PropertyError is { } error && Options.PropertyWeight > 0) reconstruction = reconstruction + Options.PropertyWeight * error.mean();
        if (klWeight == 0) return reconstruction;
        return reconstruction + klWeight * (Options.FreeBits == 0 ? terms.Kl.mean() : KlPenalty(terms.KlPerDim));
    }

    /// <summary>The free-bits KL: Σ_groups max(λ, batch-mean KL of the group) (the batch-mean KL when λ = 0).</summary>
    public Tensor KlPenalty(Tensor klPerDim)
    {
        if (Options.FreeBits == 0) return klPerDim.sum(-1).mean();
        long d = klPerDim.shape[^1];
        int g = Options.FreeBitsGroup;
        var perDim = klPerDim.mean([0]);                                     // [d]
        var grouped = d % g == 0 ? perDim.view(-1, g).sum(-1)                 // [d / g]
            : stack(Enumerable.Range(0, (int)((d + g - 1) / g)).Select(i => perDim.narrow(0, i * g, Math.Min(g, d - i * g)).sum()));
        return grouped.clamp_min(Options.FreeBits).sum();
    }

    /// <summary>Warnings about the options for a run of this length (a schedule longer than the run).</summary>
    public virtual IEnumerable<string> Check(TrainingClock end)
    {
        if (Options.KlSchedule.CheckFits(end) is string message) yield return message;
    }
}
