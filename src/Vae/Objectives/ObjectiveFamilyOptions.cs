using System.Text.Json.Serialization;
using Vae.Models;

namespace Vae.Objectives;

/// <summary>
/// A training objective beyond the β-weighted ELBO, with its settings: stored in config.json under
/// <c>objective.family</c> with a <c>kind</c>. A new family is a record (and its <see cref="Objective"/>) in its
/// own folder under <c>Objectives/</c> and one registration line here.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(IwaeOptions), "iwae")]
[JsonDerivedType(typeof(MiwaeOptions), "miwae")]
[JsonDerivedType(typeof(CiwaeOptions), "ciwae")]
[JsonDerivedType(typeof(PiwaeOptions), "piwae")]
[JsonDerivedType(typeof(WaeMmdOptions), "wae-mmd")]
[JsonDerivedType(typeof(InfoVaeOptions), "info-vae")]
[JsonDerivedType(typeof(RaeL2Options), "rae-l2")]
[JsonDerivedType(typeof(RaeGpOptions), "rae-gp")]
public abstract record ObjectiveFamilyOptions
{
    /// <summary>The family's name as the command line and messages say it (iwae, wae-mmd, …).</summary>
    [JsonIgnore]
    public abstract string Name { get; }

    /// <summary>The objective for a model of <paramref name="model"/> on <paramref name="datasetSize"/> examples; <paramref name="seed"/> seeds any network of its own.</summary>
    public abstract Objective Create(ObjectiveOptions options, ModelOptions model, long datasetSize, long seed);

    /// <summary>Checks the family against the model and the rest of the objective; throws a <see cref="VaeException"/> naming the option.</summary>
    public virtual void Validate(ObjectiveOptions options, ModelOptions model) { }
}
