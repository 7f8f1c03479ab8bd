using Vae.Models;
using static TorchSharp.torch;

namespace Vae.Samplers;

/// <summary>z ~ p(z), the model's own prior (N(0, I), or a learned prior at the trained weights).</summary>
public sealed class PriorSampler(VaeModel model) : LatentSampler
{
    public static readonly SamplerKind Kind = new("prior", "prior: z ~ p(z), the model's own prior (nothing to fit)",
        fit => new PriorSampler(fit.Model), (model, _, _) => new PriorSampler(model));

    public override Tensor Sample(long n, Device device, Generator generator)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        return model.Prior.Sample(n, model.Latent, device, generator).MoveToOuterDisposeScope();
    }
}
