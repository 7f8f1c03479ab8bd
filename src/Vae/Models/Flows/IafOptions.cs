namespace Vae.Models;

/// <summary>
/// Inverse autoregressive flow on the head's diagonal Gaussian (Kingma et al. 2016): K steps of a MADE with the
/// encoder trunk's features h as context, the dimensions reversed between steps. config.json:
/// <c>model.posterior_extension = { "kind": "iaf", "steps": K, "hidden": H }</c>.
/// </summary>
public sealed record IafOptions : PosteriorExtensionOptions
{
    /// <summary>Flow steps K (default 4).</summary>
    public int Steps { get; init => field = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(Steps), value, "Steps: a flow needs K ≥ 1 steps."); } = 4;

    /// <summary>Width of each MADE's two hidden layers (default 320).</summary>
    public int Hidden { get; init => field = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(Hidden), value, "Hidden: the MADE's hidden width must be ≥ 1."); } = 320;

    public override PosteriorExtension Build(ModelOptions model, int features) => new InverseAutoregressiveFlow(model.Latent, features, Steps, Hidden);

    public override void Validate(ModelOptions model) => FlowChecks.RequireDiagonal(model, "iaf");
}
