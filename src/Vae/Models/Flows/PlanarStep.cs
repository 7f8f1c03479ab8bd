using static TorchSharp.torch;

namespace Vae.Models;

/// <summary>
/// One planar map per example (Rezende and Mohamed 2015): f(z) = z + û tanh(wᵀz + b), with
/// log|det ∂f/∂z| = log|1 + ûᵀψ(z)|, ψ(z) = (1 − tanh²(wᵀz + b)) w. The constraint of their appendix A keeps
/// it invertible: û = u + (m(wᵀu) − wᵀu) w/‖w‖², m(a) = −1 + softplus(a), so wᵀû &gt; −1.
/// </summary>
public sealed class PlanarStep : IFlowStep
{
    /// <summary>The least ‖w‖² divided by, so that w = 0 gives û = u (and, with b = 0, the identity) instead of 0/0.</summary>
    const double NormFloor = 1e-8;

    private readonly Tensor uHat, w, b, wuHat;

    /// <param name="u">[B, d]</param><param name="w">[B, d]</param><param name="b">[B, 1]</param>
    public PlanarStep(Tensor u, Tensor w, Tensor b)
    {
        var wu = (w * u).sum(-1, keepdim: true);                                    // [B, 1]
        var m = nn.functional.softplus(wu) - 1;
        uHat = u + (m - wu) * w / w.square().sum(-1, keepdim: true).clamp_min(NormFloor);
        this.w = w;
        this.b = b;
        wuHat = (w * uHat).sum(-1, keepdim: true);                                  // wᵀû: [B, 1]
    }

    /// <summary>û, the constrained u: [B, d].</summary>
    public Tensor UHat => uHat;

    // z: [..., B, d] -> f(z): [..., B, d], log|det|: [..., B]
    public (Tensor Z, Tensor LogDet) Forward(Tensor z)
    {
        var t = ((w * z).sum(-1, keepdim: true) + b).tanh();                         // [..., B, 1]
        var logDet = (1 + (1 - t.square()) * wuHat).abs().clamp_min(1e-30).log().squeeze(-1);
        return (z + uHat * t, logDet);
    }

    // z, s: [B, d]; ∂f_j/∂z_j = 1 + (1 − tanh²) w_j û_j
    public (Tensor Z, Tensor Spread) ForwardSpread(Tensor z, Tensor spread)
    {
        var t = ((w * z).sum(-1, keepdim: true) + b).tanh();
        return (z + uHat * t, (1 + (1 - t.square()) * w * uHat).abs() * spread);
    }
}
