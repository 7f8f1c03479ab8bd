using TorchSharp;
using static TorchSharp.torch;

namespace Vae.Distributions;

/// <summary>Independent Bernoulli per value, parameterised by logits: log p = x·l − softplus(l).</summary>
public sealed class BernoulliLikelihood : Likelihood
{
    public BernoulliLikelihood() : base(nameof(BernoulliLikelihood)) { }

    public override LikelihoodKind Kind => LikelihoodKind.Bernoulli;

    public override Tensor LogProb(Tensor x, Tensor decoded) =>
        -nn.functional.binary_cross_entropy_with_logits(decoded, x.expand_as(decoded), reduction: nn.Reduction.None).sum(-1);

    public override Tensor Mean(Tensor decoded) => decoded.sigmoid();

    public override Tensor Sample(Tensor decoded, Generator? generator = null) => decoded.sigmoid().bernoulli(generator);
}
