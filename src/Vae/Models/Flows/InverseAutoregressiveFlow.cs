using TorchSharp;
using TorchSharp.Modules;
using Vae.Distributions;
using static TorchSharp.torch;

namespace Vae.Models;

/// <summary>
/// K steps of inverse autoregressive flow (Kingma et al. 2016; <see cref="IafStep"/>), each its own <see cref="Made"/>
/// with the encoder trunk's features h as context, the order of the dimensions reversed between steps.
/// </summary>
public sealed class InverseAutoregressiveFlow : PosteriorExtension
{
    private readonly ModuleList<Made> made;
    private readonly int width;

    public InverseAutoregressiveFlow(int latent, int features, int steps, int hidden) : base(nameof(InverseAutoregressiveFlow))
    {
        width = hidden;
        made = new ModuleList<Made>([.. Enumerable.Range(0, steps).Select(_ => new Made(latent, features, hidden))]);
        RegisterComponents();
    }

    /// <summary>The steps' networks, first to last.</summary>
    public IReadOnlyList<Made> Networks => [.. made];

    public override Posterior Extend(Posterior q0, Tensor features) => ExtendLocal(q0, LocalParameters(features));

    /// <summary>Each example's contexts, one per step (the projections of h into each MADE's first layer): [B, K H].</summary>
    public override Tensor LocalParameters(Tensor features) => cat(made.Select(m => m.Context(features)).ToArray(), dim: -1);

    public override Posterior ExtendLocal(Posterior q0, Tensor local)
    {
        var contexts = local.split(width, dim: -1);
        var flows = new List<IFlowStep>(2 * made.Count);
        for (int k = 0; k < made.Count; k++)
        {
            if (k > 0) flows.Add(ReverseStep.Instance);
            flows.Add(new IafStep(made[k], contexts[k]));
        }
        return new FlowPosterior(FlowBase.Of(q0), flows);
    }
}
