using Vae.Distributions;

namespace Vae.Models;

/// <summary>The base distribution a flow transforms: the head's diagonal Gaussian.</summary>
internal static class FlowBase
{
    public static DiagonalGaussian Of(Posterior q0) =>
        q0 is DiagonalGaussian { IsPointMass: false } g ? g
            : throw new VaeException("a flow transforms the diagonal Gaussian posterior; this model's head gives another family.");
}
