using TorchSharp;
using static TorchSharp.torch;

namespace Vae.Distributions;

/// <summary>Independent Poisson counts with mean μ_g = ℓ softmax(logits)_g (see <see cref="CountLikelihood"/>).</summary>
public sealed class PoissonLikelihood : CountLikelihood
{
    public PoissonLikelihood() : base(nameof(PoissonLikelihood)) { }

    public override LikelihoodKind Kind => LikelihoodKind.Poisson;

    // x [..., D], decoded [..., D] -> [...]
    public override Tensor LogProb(Tensor x, Tensor decoded) =>
        Total(CountLogProbs.Poisson(x.to(ScalarType.Float64), LogMean(x, decoded)), decoded);

    public override Tensor Sample(Tensor decoded, Tensor library, Generator? generator = null) =>
        poisson(Mean(decoded, library), generator);
}
