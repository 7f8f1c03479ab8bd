using TorchSharp;
using Vae.Distributions;
using Vae.Models;
using static TorchSharp.torch;

namespace Vae.Objectives;

/// <summary>
/// Trains on an importance-weighted bound (<see cref="ImportanceWeightedOptions"/>): each step draws
/// <see cref="ImportanceWeightedOptions.Draws"/> reparameterized samples per example (<see cref="ImportanceWeighted.Draw"/>)
/// and the options combine their log weights into the loss. The <see cref="ElboTerms"/> it returns, which the trainer
/// reports as reconstruction and KL, are the usual one-sample terms at the first draw: log p(x|z₁) and the prior's KL
/// (closed form where there is one, else log q(z₁|x) − log p(z₁)).
/// </summary>
public sealed class ImportanceWeightedObjective(ObjectiveOptions options, ImportanceWeightedOptions bound) : Objective(options)
{
    /// <summary>The bound this objective trains on and its settings.</summary>
    public ImportanceWeightedOptions Bound { get; } = bound;

    public override IReadOnlyList<string> TermNames => Bound.TermNames;

    // x: [B, D] -> one-sample ELBO terms [B] and the bound's loss, from N = Draws samples z [N, B, d]
    public override (ElboTerms Terms, ObjectiveValue Value) Step(VaeModel model, Batch batch, Generator? generator, TrainingClock clock)
    {
        var (q, library) = model.EncodeWithLibrary(batch);
        var draws = ImportanceWeighted.Draw(model, q, batch, Bound.Draws, generator, library);
        var terms = FirstDrawTerms(model, batch, q, library, draws);
        var value = Bound.Value(draws.LogWeights);
        if (terms.Penalty is { } penalty) value = value with { Loss = value.Loss + penalty.mean() };   // a posterior extension's own loss
        return (terms, value);
    }

    /// <summary>Not used: the bound needs its samples' log weights, which <see cref="Step"/> draws.</summary>
    public override ObjectiveValue Evaluate(ElboTerms terms, TrainingClock clock) =>
        throw new NotSupportedException($"the {Bound.Name} objective draws its own samples: call Step, not Evaluate.");

    // The one-sample ELBO terms at the first draw z₁ (what the epoch metrics report for every objective).
    static ElboTerms FirstDrawTerms(VaeModel model, Batch batch, Posterior q, DiagonalGaussian? library, ImportanceDraws draws)
    {
        var z = draws.Z[0];                                          // [B, d]
        var (kl, klPerDim) = model.Prior.KlTerms(q, z, draws.LogQ[0]);
        return new ElboTerms(draws.LogLikelihood[0], kl, klPerDim, q, z)
        {
            LibraryKl = library?.KlTo(model.LibraryPrior(batch)),
            Penalty = model.Extension?.Penalty(q),
        };
    }
}
