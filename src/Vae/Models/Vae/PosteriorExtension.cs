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

    /// <summary>The prior over the full z, given the prior over the top of the hierarchy (the model's prior).</summary>
    public virtual Prior ExtendPrior(Prior top) => top;

    /// <summary>A loss of the extension's own per example [B] (a quantizer's codebook and commitment terms), added to the objective; null for none.</summary>
    public virtual Tensor? Penalty(Posterior q) => null;
}

/// <summary>
/// The options of a <see cref="PosteriorExtension"/>, stored in config.json under <c>model.posterior_extension</c>
/// with a <c>kind</c>. A new extension is a record in its own folder and one registration line here.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(VectorQuantizerOptions), "vq")]
public abstract record PosteriorExtensionOptions
{
    /// <summary>Builds the module for a model whose encoder trunk gives <paramref name="features"/> values per example.</summary>
    public abstract PosteriorExtension Build(ModelOptions model, int features);

    /// <summary>Checks the extension against the rest of the model (called when a model is built); throws a <see cref="VaeException"/>.</summary>
    public virtual void Validate(ModelOptions model) { }
}
