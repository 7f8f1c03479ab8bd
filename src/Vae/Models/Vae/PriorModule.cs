using System.Text.Json.Serialization;
using TorchSharp;
using Vae.Distributions;
using static TorchSharp.torch;

namespace Vae.Models;

/// <summary>
/// A prior with parameters of its own (the VampPrior's pseudo-inputs), registered on <see cref="VaeModel"/> as
/// <c>prior</c>. <see cref="Resolve"/> gives the <see cref="Distributions.Prior"/> at the current weights; it may
/// run the model's encoder (a mixture of posteriors), so the model calls it once per batch.
/// </summary>
public abstract class PriorModule(string name) : nn.Module(name)
{
    /// <summary>The prior at the current weights, for <paramref name="model"/> (which owns this module).</summary>
    public abstract Prior Resolve(VaeModel model);
}

/// <summary>
/// The options of a learned prior, stored in config.json under <c>model.prior</c> with a <c>kind</c>; null is
/// N(0, I). A new prior is a record in its own folder and one registration line here.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(VampPriorOptions), "vamp")]
public abstract record PriorOptions
{
    public abstract PriorModule Build(ModelOptions model);

    /// <summary>Checks the prior against the rest of the model (called when a model is built); throws a <see cref="VaeException"/>.</summary>
    public virtual void Validate(ModelOptions model) { }
}
