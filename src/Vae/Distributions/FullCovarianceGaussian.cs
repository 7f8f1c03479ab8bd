using TorchSharp;
using static TorchSharp.torch;

namespace Vae.Distributions;

/// <summary>
/// N(μ, Σ) with Σ = L Lᵀ, L lower-triangular with a positive diagonal (a Cholesky factor), over
/// the last dimension. Sampling is z = μ + L ε; the KL to N(0, I) is
/// ½ (tr Σ + μᵀμ − d − log det Σ), with log det Σ = 2 Σ_j log L_jj.
/// </summary>
public sealed class FullCovarianceGaussian : Posterior
{
    public FullCovarianceGaussian(Tensor mean, Tensor scaleTril)
    {
        Mean = mean;
        ScaleTril = scaleTril;
    }

    /// <summary>
    /// Builds q from a network's raw outputs [B, d + d(d+1)/2]: μ, then log of L's diagonal, then L's
    /// strictly-lower entries row by row.
    /// </summary>
    public static FullCovarianceGaussian FromRaw(Tensor raw, int d)
    {
        var mean = raw.narrow(-1, 0, d);
        var logDiag = raw.narrow(-1, d, d).clamp(0.5 * DiagonalGaussian.MinLogVariance, 0.5 * DiagonalGaussian.MaxLogVariance); // log σ bounds, as for the diagonal posterior
        var lower = raw.narrow(-1, 2 * d, d * (d - 1) / 2);
        // Place the strictly-lower entries with a constant 0/1 matrix (differentiable, no scatter op).
        var placement = StrictLowerPlacement(d, raw.dtype, raw.device);               // [d(d−1)/2, d·d]
        var tril = lower.matmul(placement).view(-1, d, d) + diag_embed(logDiag.exp());
        return new FullCovarianceGaussian(mean, tril);
    }

    /// <summary>Raw outputs per example for latent dimension d.</summary>
    public static int RawSize(int d) => d + d * (d + 1) / 2;

    public override Tensor Mean { get; }

    /// <summary>L: [B, d, d].</summary>
    public Tensor ScaleTril { get; }

    /// <summary>Σ = L Lᵀ: [B, d, d].</summary>
    public Tensor Covariance => ScaleTril.matmul(ScaleTril.transpose(-1, -2));

    public override Tensor StdDev => ScaleTril.square().sum(-1).sqrt();

    public override Tensor Sample(Generator? generator = null)
    {
        var eps = RowWindow.Draw(Mean.shape, 0, shape => randn(shape, dtype: Mean.dtype, device: Mean.device, generator: generator));
        return Mean + ScaleTril.matmul(eps.unsqueeze(-1)).squeeze(-1);
    }

    public override Tensor Sample(long k, Generator? generator = null)
    {
        var eps = RowWindow.Draw([k, .. Mean.shape], 1, whole => randn(whole, dtype: Mean.dtype, device: Mean.device, generator: generator)); // [K, B, d]
        return Mean.unsqueeze(0) + ScaleTril.unsqueeze(0).matmul(eps.unsqueeze(-1)).squeeze(-1);
    }

    public override Tensor LogProb(Tensor z)
    {
        var diff = (z - Mean).unsqueeze(-1);                                          // [..., B, d, 1]
        var l = ScaleTril.expand([.. diff.shape[..^2], ScaleTril.shape[^2], ScaleTril.shape[^1]]);
        var solved = linalg.solve_triangular(l, diff, upper: false).squeeze(-1);      // L⁻¹ (z − μ)
        long d = Mean.shape[^1];
        var logDet = ScaleTril.diagonal(dim1: -2, dim2: -1).log().sum(-1);            // ½ log det Σ
        return -0.5 * (d * Log2Pi + solved.square().sum(-1)) - logDet;
    }

    public override Tensor KlToStandardNormal()
    {
        long d = Mean.shape[^1];
        var trace = ScaleTril.square().sum([-2, -1]);
        var logDet = 2 * ScaleTril.diagonal(dim1: -2, dim2: -1).log().sum(-1);
        return 0.5 * (trace + Mean.square().sum(-1) - d - logDet);
    }

    public override Tensor KlToStandardNormalPerDim() => GaussianKl.PerDimensionFromVariance(Mean, ScaleTril.square().sum(-1));

    static Tensor StrictLowerPlacement(int d, ScalarType dtype, Device device)
    {
        int m = d * (d - 1) / 2, k = 0;
        var values = new float[m * d * d];
        for (int i = 1; i < d; i++)
            for (int j = 0; j < i; j++) values[k++ * d * d + i * d + j] = 1;
        return tensor(values, [m, d * d]).to(dtype).to(device);
    }
}
