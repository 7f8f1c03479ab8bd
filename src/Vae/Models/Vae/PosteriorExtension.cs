using System.Text.Json.Serialization;
using TorchSharp;
using Vae.Distributions;
using static TorchSharp.torch;

namespace Vae.Models;

/// <summary>
/// A module that carries q(z|x) beyond the encoder head's family: a normalizing flow on the head's Gaussian,
/// a second stochastic layer, a vector quantizer. The model asks it for the posterior (<see cref="Extend"/>),
/// for the prior over the full z (<see cref="ExtendPrior"/>: a hierarchy puts p(z₁|z₂) under the top prior),
/// and for any loss of its own (<see cref="Penalty"/>). Registered on <see cref="VaeModel"/> as <c>extension</c>.
/// </summary>
public abstract class PosteriorExtension(string name) : nn.Module(name)
{
    /// <summary>The size of z given the head's latent dimension d (a second stochastic layer adds its own).</summary>
    public virtual int LatentSize(int headLatent) => headLatent;

    /// <summary>q(z|x) from the head's posterior q₀ and the encoder trunk's features h [B, H].</summary>
    public abstract Posterior Extend(Posterior q0, Tensor features);

    /// <summary>
    /// The extension's per-example variational parameters from the trunk's features h [B, H] → [B, P]: what the
    /// inference gaps optimise per example beside the head's output (a flow's per-example parameters). By default h.
    /// </summary>
    public virtual Tensor LocalParameters(Tensor features) => features;

    /// <summary>q(z|x) from q₀ and per-example parameters as <see cref="LocalParameters"/> gives them (or optimised per example).</summary>
    public virtual Posterior ExtendLocal(Posterior q0, Tensor local) => Extend(q0, local);

    /// <summary>The prior over the full z, given the prior over the top of the hierarchy (the model's prior).</summary>
    public virtual Prior ExtendPrior(Prior top) => top;

    /// <summary>
    /// The posterior over the top of the hierarchy (the variables the model's prior is over) within a batch's q(z|x):
    /// what a prior made of posteriors mixes (the VampPrior's q(z|u_k)). A hierarchy gives q(z₂ | z₁ = μ₁(x)); the default is q.
    /// </summary>
    public virtual Posterior TopPosterior(Posterior q) => q;

    /// <summary>A loss of the extension's own per example [B] (a quantizer's codebook and commitment terms), added to the objective; null for none.</summary>
    public virtual Tensor? Penalty(Posterior q) => null;
}

/// <summary>
/// The options of a <see cref="PosteriorExtension"/>, stored in config.json under <c>model.posterior_extension</c>
/// with a <c>kind</c>. A new extension is a record in its own folder and one registration line here.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(PlanarFlowOptions), "planar")]
[JsonDerivedType(typeof(IafOptions), "iaf")]
[JsonDerivedType(typeof(HierarchicalOptions), "hierarchical")]
[JsonDerivedType(typeof(VectorQuantizerOptions), "vq")]
public abstract record PosteriorExtensionOptions
{
    /// <summary>Builds the module for a model whose encoder trunk gives <paramref name="features"/> values per example.</summary>
    public abstract PosteriorExtension Build(ModelOptions model, int features);

    /// <summary>Checks the extension against the rest of the model (called when a model is built); throws a <see cref="VaeException"/>.</summary>
    public virtual void Validate(ModelOptions model) { }
}
