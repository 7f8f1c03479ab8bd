using Vae.Distributions;

namespace Vae.Models;

/// <summary>What a flow posterior asks of the rest of the model.</summary>
internal static class FlowChecks
{
    /// <summary>A flow transforms the head's diagonal Gaussian: not a full covariance, not an autoencoder's point mass.</summary>
    public static void RequireDiagonal(ModelOptions model, string kind)
    {
        if (model.Posterior == PosteriorKind.PointMass)
            throw new VaeException($"--flow {kind}: an autoencoder has no posterior to transform; a flow needs a VAE (--model mlp, conv, linear or smiles).");
        if (model.Posterior != PosteriorKind.Diagonal)
            throw new VaeException($"--flow {kind}: a flow transforms the diagonal Gaussian posterior; use --posterior diagonal, not {model.Posterior}.");
    }
}
