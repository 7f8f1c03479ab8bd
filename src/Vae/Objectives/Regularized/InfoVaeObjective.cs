using TorchSharp;
using Vae.Models;
using static TorchSharp.torch;

namespace Vae.Objectives;

/// <summary>
/// The InfoVAE-MMD loss: the ELBO's loss with the KL weighted by 1 − α, plus (α + λ − 1)·MMD²(z, prior draws) over the
/// batch's samples z ~ q(z|x); reports the MMD as <c>mmd</c>.
/// </summary>
public sealed class InfoVaeObjective(ObjectiveOptions options, InfoVaeOptions info) : Objective(options)
{
    public override IReadOnlyList<string> TermNames => ["mmd"];

    public override double KlWeight(TrainingClock clock) => info.KlWeight;

    // ε for z first, then the prior draws, from the trainer's generator.
    public override (ElboTerms Terms, ObjectiveValue Value) Step(VaeModel model, Batch batch, Generator? generator, TrainingClock clock)
    {
        var terms = model.Terms(batch, generator);
        var mmd = Mmd.ToPrior(model.Prior, terms.Z, info.Kernel, generator);
        return (terms, new(Loss(terms, info.KlWeight) + info.MmdWeight * mmd, [mmd]));
    }

    public override ObjectiveValue Evaluate(ElboTerms terms, TrainingClock clock) =>
        throw new NotSupportedException("the InfoVAE loss compares the codes with prior draws: call Step.");
}
