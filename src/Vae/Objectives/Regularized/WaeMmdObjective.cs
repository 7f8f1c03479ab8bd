using TorchSharp;
using Vae.Models;
using static TorchSharp.torch;

namespace Vae.Objectives;

/// <summary>
/// The WAE-MMD loss: mean over the batch of −log p(x|z) at z ~ q(z|x) (z = the code for a deterministic encoder),
/// plus λ·MMD²(codes, prior draws); reports the MMD as <c>mmd</c>.
/// </summary>
public sealed class WaeMmdObjective(ObjectiveOptions options, WaeMmdOptions wae) : Objective(options)
{
    public override IReadOnlyList<string> TermNames => ["mmd"];

    /// <summary>0: the KL is not part of the loss.</summary>
    public override double KlWeight(TrainingClock clock) => 0;

    // ε for z (a Gaussian encoder) first, then the prior draws, from the trainer's generator.
    public override (ElboTerms Terms, ObjectiveValue Value) Step(VaeModel model, Batch batch, Generator? generator, TrainingClock clock)
    {
        var terms = model.Terms(batch, generator);
        var mmd = Mmd.ToPrior(model.Prior, terms.Z, wae.Kernel, generator);
        return (terms, new(Loss(terms, 0) + wae.MmdWeight * mmd, [mmd]));
    }

    public override ObjectiveValue Evaluate(ElboTerms terms, TrainingClock clock) =>
        throw new NotSupportedException("the WAE-MMD loss compares the codes with prior draws: call Step.");
}
