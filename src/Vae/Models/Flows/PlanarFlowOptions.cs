namespace Vae.Models;

/// <summary>
/// Planar flows on the head's diagonal Gaussian (Rezende and Mohamed 2015), amortized as in the paper: every
/// step's u, w, b come from the encoder trunk's features h by one linear layer. config.json:
/// <c>model.posterior_extension = { "kind": "planar", "steps": K }</c>.
/// </summary>
public sealed record PlanarFlowOptions : PosteriorExtensionOptions
{
    /// <summary>Flow steps K (default 8).</summary>
    public int Steps { get; init => field = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(Steps), value, "Steps: a flow needs K ≥ 1 steps."); } = 8;

    public override PosteriorExtension Build(ModelOptions model, int features) => new PlanarFlow(model.Latent, features, Steps);

    public override void Validate(ModelOptions model) => FlowChecks.RequireDiagonal(model, "planar");
}
