using TorchSharp;
using TorchSharp.Modules;
using Vae.Distributions;
using Vae.Nn;
using static TorchSharp.torch;

namespace Vae.Models;

/// <summary>
/// The VampPrior's module: K learned pseudo-inputs u_k = clamp(ũ_k, 0, 1) (the paper's hardtanh keeps them in the data's
/// range; ũ is initialised N(0.05, 0.01²) from the model's generator, the paper's MNIST setting), and the prior they give,
/// p(z) = (1/K) Σ_k q(z|u_k), with q the model's own encoder (through a hierarchy, its top layer:
/// <see cref="PosteriorExtension.TopPosterior"/>). Gradients reach the pseudo-inputs and the encoder through the prior.
/// </summary>
public sealed class VampPrior : PriorModule, ISelfInitializing
{
    /// <summary>The paper's initialisation of the pseudo-inputs for MNIST: N(0.05, 0.01²).</summary>
    public const double InitialMean = 0.05, InitialStdDev = 0.01;

    private readonly Parameter pseudoInputs;   // ũ: [K, D], before the clamp to [0, 1]

    public VampPrior(int components, int inputs) : base(nameof(VampPrior))
    {
        pseudoInputs = new Parameter(zeros(components, inputs));
        RegisterComponents();
    }

    /// <summary>The pseudo-inputs u_k in [0, 1]: [K, D].</summary>
    public Tensor PseudoInputs => pseudoInputs.clamp(0, 1);

    /// <summary>The parameter ũ behind the pseudo-inputs (for tests and analyses that set them).</summary>
    public Parameter RawPseudoInputs => pseudoInputs;

    // u: [K, D] -> q(z|u_k) (the top layer's) -> the mixture of its K components over [.., d]
    public override Prior Resolve(VaeModel model)
    {
        var q = model.Encode(PseudoInputs);
        var top = model.Extension?.TopPosterior(q) ?? q;
        if (top is not DiagonalGaussian { IsPointMass: false } components)
            throw new VaeException($"the VampPrior mixes diagonal Gaussian posteriors; this model's top posterior is a {top.GetType().Name}.");
        return new GaussianMixturePrior(components.Mean, components.LogVariance!);
    }

    public void Reset(Generator generator) => pseudoInputs.normal_(InitialMean, InitialStdDev, generator);
}
