using TorchSharp;
using static TorchSharp.torch;

namespace Vae.Distributions;

/// <summary>Independent Poisson counts with mean μ_g = ℓ softmax(logits)_g (see <see cref="CountLikelihood"/>).</summary>
public sealed class PoissonLikelihood : CountLikelihood
{
    public PoissonLikelihood() : base(nameof(PoissonLikelihood)) { }

    public override LikelihoodKind Kind => LikelihoodKind.Poisson;

    // x [..., D] (double), decoded [..., D], log μ [..., D] -> [...]
    protected override Tensor LogProbAtLogMean(Tensor x, Tensor decoded, Tensor logMu) =>
        Total(CountLogProbs.Poisson(x, logMu), decoded);

    public override Tensor Sample(Tensor decoded, Tensor library, Generator? generator = null) =>
        poisson(Mean(decoded, library), generator);
}
