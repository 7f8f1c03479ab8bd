using TorchSharp;
using TorchSharp.Modules;
using Vae.Distributions;
using static TorchSharp.torch;

namespace Vae.Models;

/// <summary>
/// K amortized planar flows (Rezende and Mohamed 2015, with their invertibility constraint on u; <see cref="PlanarStep"/>):
/// one linear layer maps the encoder trunk's features h to every step's u, w [d] and b per example, as the paper's
/// inference network outputs the flow's parameters.
/// </summary>
public sealed class PlanarFlow : PosteriorExtension
{
    private readonly Linear amortizer;   // h [B, F] -> [u, w, b] per step: [B, K (2d + 1)]
    private readonly int latent, steps;

    public PlanarFlow(int latent, int features, int steps) : base(nameof(PlanarFlow))
    {
        this.latent = latent;
        this.steps = steps;
        amortizer = nn.Linear(features, steps * (2 * latent + 1));
        RegisterComponents();
    }

    /// <summary>The layer that gives each example's flow parameters.</summary>
    public Linear Amortizer => amortizer;

    public override Posterior Extend(Posterior q0, Tensor features) => ExtendLocal(q0, LocalParameters(features));

    /// <summary>Each example's flow parameters [u₁, w₁, b₁, …, u_K, w_K, b_K]: [B, K (2d + 1)].</summary>
    public override Tensor LocalParameters(Tensor features) => amortizer.call(features);

    public override Posterior ExtendLocal(Posterior q0, Tensor local)
    {
        var flows = new List<IFlowStep>(steps);
        foreach (var p in local.chunk(steps, dim: -1))
            flows.Add(new PlanarStep(p.narrow(-1, 0, latent), p.narrow(-1, latent, latent), p.narrow(-1, 2 * latent, 1)));
        return new FlowPosterior(FlowBase.Of(q0), flows);
    }
}
