using TorchSharp;
using static TorchSharp.torch;

namespace Vae.Distributions;

/// <summary>
/// An observation model p(x|z) given the decoder's output. Subclasses may own parameters (a
/// learned σ) and buffers; they are part of the model's state.
/// </summary>
public abstract class Likelihood : nn.Module
{
    protected Likelihood(string name) : base(name) { }

    public abstract LikelihoodKind Kind { get; }

    /// <summary>Decoder outputs per data value.</summary>
    public virtual int ParamsPerValue => 1;

    /// <summary>
    /// log p(x|z) summed over the last dimension: x [..., D], decoded [..., P·D] → [...]. With P &gt; 1
    /// parameters per value, decoded holds P consecutive blocks of D (block p is parameter p of every value).
    /// </summary>
    public abstract Tensor LogProb(Tensor x, Tensor decoded);

    /// <summary>The mean of p(x|z) (what a reconstruction shows): [..., D].</summary>
    public abstract Tensor Mean(Tensor decoded);

    /// <summary>A draw from p(x|z).</summary>
    public abstract Tensor Sample(Tensor decoded, Generator? generator = null);

    /// <summary>True when the likelihood has one parameter per feature, so it cannot score a slice of the features.</summary>
    public virtual bool HasPerFeatureParameters => false;

    public static Likelihood Create(LikelihoodKind kind, int dimension, double sigma, double sigmaFloor, int classes = 0) => kind switch
    {
        LikelihoodKind.Bernoulli => new BernoulliLikelihood(),
        LikelihoodKind.Poisson => new PoissonLikelihood(),
        LikelihoodKind.NegativeBinomial => new NegativeBinomialLikelihood(dimension),
        LikelihoodKind.ZeroInflatedNegativeBinomial => new ZeroInflatedNegativeBinomialLikelihood(dimension),
        LikelihoodKind.Categorical => new CategoricalLikelihood(classes),
        _ => new GaussianLikelihood(kind, dimension, sigma, sigmaFloor),
    };
}
