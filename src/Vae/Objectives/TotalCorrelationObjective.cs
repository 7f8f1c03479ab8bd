using Vae.Distributions;
using Vae.Models;
using static TorchSharp.torch;

namespace Vae.Objectives;

/// <summary>
/// β-TCVAE (Chen et al. 2018): −E[log p(x|z)] + α·MI + β·TC + γ·dimension-wise KL with α = γ = 1 and
/// β the TC weight, the three terms estimated on the minibatch (<see cref="MinibatchWeighted"/>). Their sum
/// is a one-sample estimate of the KL, so β = 1 gives the ELBO in expectation.
/// </summary>
public sealed class TotalCorrelationObjective(ObjectiveOptions options, long datasetSize) : Objective(options)
{
    public long DatasetSize { get; } = datasetSize;

    public override IReadOnlyList<string> TermNames => ["mi", "tc", "dim_kl"];

    public override ObjectiveValue Evaluate(ElboTerms terms, TrainingClock clock)
    {
        if (terms.Posterior is not DiagonalGaussian { LogVariance: { } logVariance } q)
            throw new VaeException("--objective beta-tcvae: needs a diagonal Gaussian posterior.");
        var d = MinibatchWeighted.Estimate(q.Mean, logVariance, terms.Z, DatasetSize);
        var (mi, tc, dimKl) = (d.MutualInformation, d.TotalCorrelation, d.DimensionWiseKl);
        var loss = Loss(terms, klWeight: 0) + mi + Options.Disentangling!.TcWeight * tc + dimKl;
        return new(loss, [mi, tc, dimKl]);
    }
}
