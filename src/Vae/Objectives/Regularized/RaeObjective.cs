using TorchSharp;
using Vae.Models;
using static TorchSharp.torch;

namespace Vae.Objectives;

/// <summary>
/// The RAE loss: mean over the batch of −log p(x|z) at the code z = E(x), plus β·½‖z‖² (reported as <c>z_norm</c>,
/// the batch mean of ½‖z‖²) and λ times the decoder's regularizer, which a subclass gives.
/// </summary>
public abstract class RaeObjective(ObjectiveOptions options, RaeOptions rae) : Objective(options)
{
    /// <summary>The reported name of the decoder's regularizer.</summary>
    protected abstract string RegularizerName { get; }

    /// <summary>λ, the regularizer's weight.</summary>
    protected abstract double RegularizerWeight { get; }

    /// <summary>The decoder's regularizer for this batch, at the codes z [B, d]: a scalar.</summary>
    protected abstract Tensor Regularizer(VaeModel model, Batch batch, Tensor z, Generator? generator);

    public override IReadOnlyList<string> TermNames => ["z_norm", RegularizerName];

    /// <summary>0: the KL is not part of the loss.</summary>
    public override double KlWeight(TrainingClock clock) => 0;

    public override (ElboTerms Terms, ObjectiveValue Value) Step(VaeModel model, Batch batch, Generator? generator, TrainingClock clock)
    {
        var terms = model.Terms(batch, generator);
        var zNorm = LatentNorm(terms.Z);
        var regularizer = Regularizer(model, batch, terms.Z, generator);
        return (terms, new(Loss(terms, 0) + rae.LatentWeight * zNorm + RegularizerWeight * regularizer, [zNorm, regularizer]));
    }

    public override ObjectiveValue Evaluate(ElboTerms terms, TrainingClock clock) =>
        throw new NotSupportedException("the RAE loss regularizes the decoder: call Step.");

    /// <summary>The batch mean of ½‖z‖² for codes z [B, d].</summary>
    public static Tensor LatentNorm(Tensor z) => 0.5 * z.square().sum(-1).mean();
}
