using static TorchSharp.torch;

namespace Vae.Models;

/// <summary>One invertible map of a normalizing flow, with the log-determinant of its Jacobian.</summary>
public interface IFlowStep
{
    /// <summary>z [B, d] or [K, B, d] → f(z) of the same shape and log|det ∂f/∂z| per sample: [B] or [K, B].</summary>
    (Tensor Z, Tensor LogDet) Forward(Tensor z);

    /// <summary>
    /// f(z) and a per-dimension spread carried through the map by the diagonal of its Jacobian at z: s' = |diag ∂f/∂z| ⊙ s
    /// (permuted with z by a permutation). z, s: [B, d]. The diagnostics' linearised spread of q (the off-diagonal mixing left out).
    /// </summary>
    (Tensor Z, Tensor Spread) ForwardSpread(Tensor z, Tensor spread);
}
