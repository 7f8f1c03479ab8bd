using static TorchSharp.torch;

namespace Vae.Models;

/// <summary>
/// One step of an inverse autoregressive flow (Kingma et al. 2016, eq. 14, their numerically stable form):
/// [m, s] = MADE(z, context), σ = sigmoid(s + <see cref="Made.ScaleOffset"/>), f(z) = σ ⊙ z + (1 − σ) ⊙ m.
/// m_j and s_j depend on z_&lt;j only, so the Jacobian is triangular with diagonal σ: log|det| = Σ_j log σ_j.
/// </summary>
public sealed class IafStep(Made made, Tensor context) : IFlowStep
{
    // z: [..., B, d] -> f(z): [..., B, d], log|det|: [..., B]
    public (Tensor Z, Tensor LogDet) Forward(Tensor z)
    {
        var (m, s) = made.Forward(z, context);
        var shifted = s + Made.ScaleOffset;
        var sigma = shifted.sigmoid();
        return (sigma * z + (1 - sigma) * m, nn.functional.logsigmoid(shifted).sum(-1));
    }

    // z, s: [B, d]; the Jacobian is triangular with diagonal σ
    public (Tensor Z, Tensor Spread) ForwardSpread(Tensor z, Tensor spread)
    {
        var (m, s) = made.Forward(z, context);
        var sigma = (s + Made.ScaleOffset).sigmoid();
        return (sigma * z + (1 - sigma) * m, sigma * spread);
    }
}

/// <summary>Reverses the order of the latent dimensions (between IAF steps, so each dimension is sometimes first); |det| = 1.</summary>
public sealed class ReverseStep : IFlowStep
{
    public static readonly ReverseStep Instance = new();

    // z: [..., B, d] -> z reversed along d, log|det| = 0: [..., B]
    public (Tensor Z, Tensor LogDet) Forward(Tensor z) => (z.flip(-1), zeros(z.shape[..^1], dtype: z.dtype, device: z.device));

    public (Tensor Z, Tensor Spread) ForwardSpread(Tensor z, Tensor spread) => (z.flip(-1), spread.flip(-1));
}
