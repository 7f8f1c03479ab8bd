using TorchSharp;
using Vae.Models;
using static TorchSharp.torch;

namespace Vae.Objectives;

/// <summary>Turns the ELBO terms of a batch into the scalar loss that training minimises.</summary>
public class Objective(ObjectiveOptions options)
{
    public ObjectiveOptions Options { get; } = options;

    /// <summary>
    /// The objective <paramref name="options"/> describe, for a model of <paramref name="model"/> trained on
    /// <paramref name="datasetSize"/> examples (β-TCVAE's estimator needs it); <paramref name="seed"/> seeds the
    /// initial weights of an objective's own network (FactorVAE's discriminator).
    /// </summary>
    public static Objective Create(ObjectiveOptions options, ModelOptions model, long datasetSize, long seed)
    {
        if (options.Family is { } family)
        {
            if (options.Disentangling is not null) throw new VaeException($"the {family.Name} objective cannot be combined with a β-VAE-family objective.");
            family.Validate(options, model);
            return family.Create(options, model, datasetSize, seed);
        }
        if (options.Disentangling is not { } o || o.Kind == ObjectiveKind.Elbo) return new Objective(options);
        DisentanglingChecks.Require(options, model);
        return o.Kind switch
        {
            ObjectiveKind.Capacity => new CapacityObjective(options),
            ObjectiveKind.BetaTcvae => new TotalCorrelationObjective(options, datasetSize),
            ObjectiveKind.DipVaeI or ObjectiveKind.DipVaeII => new DipVaeObjective(options),
            ObjectiveKind.FactorVae => new FactorVaeObjective(options, model.Latent, seed),
            _ => throw new ArgumentOutOfRangeException(nameof(options), o.Kind, "unknown objective"),
        };
    }

    /// <summary>Names of the objective's own terms that <see cref="Evaluate"/> returns (e.g. "tc"), reported beside the ELBO.</summary>
    public virtual IReadOnlyList<string> TermNames => [];

    /// <summary>
    /// One training step's terms and loss for <paramref name="batch"/>: by default the model's one-sample ELBO terms
    /// (<see cref="VaeModel.Terms"/>) and <see cref="Evaluate"/>. An objective that needs more than one sample (the
    /// importance-weighted bounds) or samples of its own (an MMD against prior draws) overrides this; the
    /// <see cref="ElboTerms"/> it returns are what the trainer reports as reconstruction and KL.
    /// </summary>
    public virtual (ElboTerms Terms, ObjectiveValue Value) Step(VaeModel model, Batch batch, Generator? generator, TrainingClock clock)
    {
        var terms = model.Terms(batch, generator);
        return (terms, Evaluate(terms, clock));
    }

    /// <summary>The loss at this point of training and the objective's own terms; the ELBO's is <see cref="Loss"/> at weight β·w(t).</summary>
    public virtual ObjectiveValue Evaluate(ElboTerms terms, TrainingClock clock) => new(Loss(terms, KlWeight(clock)), []);

    /// <summary>A network the objective trains beside the model (FactorVAE's discriminator), or null.</summary>
    public virtual nn.Module? Auxiliary => null;

    /// <summary>Adam settings for <see cref="Auxiliary"/>: learning rate, β1, β2.</summary>
    public virtual (double LearningRate, double Beta1, double Beta2) AuxiliaryAdam => (1e-4, 0.9, 0.999);

    /// <summary>
    /// The loss that trains <see cref="Auxiliary"/> on this batch (its gradient reaches only the auxiliary
    /// network), or null when the batch cannot train it; <paramref name="generator"/> draws any randomness it needs.
    /// </summary>
    public virtual Tensor? AuxiliaryLoss(ElboTerms terms, Generator? generator) => null;

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
        if (terms.Penalty is { } penalty) reconstruction = reconstruction + penalty.mean();   // a posterior extension's own loss (a quantizer's)
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
