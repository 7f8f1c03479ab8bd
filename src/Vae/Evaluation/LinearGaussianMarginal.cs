using TorchSharp;
using TorchSharp.Modules;
using Vae.Data;
using Vae.Distributions;
using Vae.Models;
using static TorchSharp.torch;

namespace Vae.Evaluation;

/// <summary>
/// The exact log p(x) of a linear-Gaussian model: with a linear decoder μ(z) = W z + b, Gaussian
/// noise of variance Ψ (diagonal) and prior N(0, I), x ~ N(b, W Wᵀ + Ψ). Computed in double precision
/// from the Cholesky factor of the D×D covariance.
/// </summary>
public static class LinearGaussianMarginal
{
    public static bool Applies(VaeModel model) =>
        model.Options is { Network: LinearNetwork, PixelCnn: null, Conditions: 0, Shortcut: Shortcut.None }
        && model.Likelihood is GaussianLikelihood;

    /// <summary>log p(x) for each example.</summary>
    public static double[] LogProb(VaeModel model, Dataset data)
    {
        var (w, b, psi) = Parameters(model);
        return LogProb(w, b, psi, data);
    }

    /// <summary>log N(x; b, W Wᵀ + diag(ψ)) for each example; W is D×d.</summary>
    public static double[] LogProb(Tensor w, Tensor b, Tensor psi, Dataset data)
    {
        using var scope = NewDisposeScope();
        var W = w.to(ScalarType.Float64).cpu();
        int dim = (int)W.shape[0];
        var cov = W.matmul(W.T) + diag(psi.to(ScalarType.Float64).cpu().expand(dim));
        var chol = linalg.cholesky(cov);
        var x = tensor(data.Features, [data.Count, dim]).to(ScalarType.Float64) - b.to(ScalarType.Float64).cpu();
        var solved = linalg.solve_triangular(chol, x.T, upper: false);               // L⁻¹ (x − b)ᵀ
        var maha = solved.square().sum(dim: 0);
        var logDet = 2 * chol.diagonal().log().sum();
        var logp = -0.5 * (maha + logDet + dim * Math.Log(2 * Math.PI));
        return logp.data<double>().ToArray();
    }

    /// <summary>
    /// E_q[log N(x; W z + b, Ψ)] in closed form: Σ_i −½ log 2πψ_i − ((x_i − (Wμ + b)_i)² + (W Σ_q Wᵀ)_ii) / (2ψ_i),
    /// for a diagonal or full-covariance q: [B]. Differentiable in q's parameters.
    /// </summary>
    public static Tensor ExpectedLogLikelihood(VaeModel model, Tensor x, Posterior q)
    {
        var (w, b, psi) = Parameters(model);
        w = w.to(q.Mean.dtype).to(q.Mean.device);
        b = b.to(q.Mean.dtype).to(q.Mean.device);
        psi = psi.to(q.Mean.dtype).to(q.Mean.device);
        var mean = q.Mean.matmul(w.T) + b;                                             // [B, D]
        var spread = q is FullCovarianceGaussian full
            ? w.matmul(full.ScaleTril).square().sum(-1)                                 // ‖w_iᵀ L‖² = (W Σ Wᵀ)_ii: [B, D]
            : q.StdDev.square().matmul(w.square().T);                                 // Σ_j W_ij² σ_j²: [B, D]
        return (-0.5 * (Math.Log(2 * Math.PI) + psi.log()) - 0.5 * ((x - mean).square() + spread) / psi).sum(-1);
    }

    /// <summary>W [D, d], b [D] and the noise variances ψ [1 or D] of a linear-Gaussian model.</summary>
    public static (Tensor W, Tensor B, Tensor Psi) Parameters(VaeModel model)
    {
        if (!Applies(model)) throw new VaeException("exact log p(x) needs a linear model with a Gaussian likelihood.");
        var decoder = (Linear)((Vae.Nn.FeedForwardDecoder)model.Decoder).Network;
        var sigma = ((GaussianLikelihood)model.Likelihood).Sigma();
        var psi = tensor(sigma.Select(s => s * s).ToArray(), dtype: ScalarType.Float64);
        return (decoder.weight.detach(), decoder.bias!.detach(), psi);
    }
}
