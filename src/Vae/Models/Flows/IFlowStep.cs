using static TorchSharp.torch;

namespace Vae.Models;

/// <summary>One invertible map of a normalizing flow, with the log-determinant of its Jacobian.</summary>
public interface IFlowStep
{
    /// <summary>z [B, d] or [K, B, d] → f(z) of the same shape and log|det ∂f/∂z| per sample: [B] or [K, B].</summary>
    (Tensor Z, Tensor LogDet) Forward(Tensor z);
}
