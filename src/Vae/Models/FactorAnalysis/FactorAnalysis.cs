using static TorchSharp.torch;

namespace Vae.Models;

/// <summary>
/// Factor analysis: x = W z + μ + ε with z ~ N(0, I_k) and ε ~ N(0, Ψ), Ψ diagonal, so that
/// x ~ N(μ, C) with C = W Wᵀ + Ψ. Fitted by EM (Rubin and Thayer 1982; Ghahramani and Hinton 1996),
/// which never decreases the likelihood; probabilistic PCA (Ψ = σ² I) has a closed form (Tipping and
/// Bishop 1999). Everything is computed in double precision, through the Woodbury identity, so a
/// D-dimensional fit only inverts k×k matrices.
/// </summary>
public sealed class FactorAnalysis
{
    private FactorAnalysis(double[] mean, double[,] loadings, double[] noise, IReadOnlyList<double> history)
    {
        Mean = mean;
        Loadings = loadings;
        NoiseVariance = noise;
        LogLikelihoodHistory = history;
    }

    /// <summary>μ [D].</summary>
    public double[] Mean { get; }

    /// <summary>W [D, k].</summary>
    public double[,] Loadings { get; }

    /// <summary>diag Ψ [D].</summary>
    public double[] NoiseVariance { get; }

    /// <summary>Mean log-likelihood per example after each EM iteration (for PPCA, one value).</summary>
    public IReadOnlyList<double> LogLikelihoodHistory { get; }

    public int Iterations => LogLikelihoodHistory.Count;

    public int Dimension => Mean.Length;
    public int Factors => Loadings.GetLength(1);

    /// <summary>The smallest noise variance EM may set (avoids the singular "Heywood" solutions).</summary>
    public const double MinNoiseVariance = 1e-6;

    /// <summary>Fits k factors by EM until the mean log-likelihood gains less than <paramref name="tolerance"/> nats per example.</summary>
    public static FactorAnalysis FitEm(float[] rows, int dimension, int k, int maxIterations = 1000, double tolerance = 1e-6, int seed = 0)
    {
        using var scope = NewDisposeScope();
        var (n, mean, s) = Moments(rows, dimension, k);
        // Start from PPCA's loadings perturbed a little (a seeded, deterministic start) and Ψ = diag(S).
        var ppca = PpcaTensors(s, k);
        using var g = new Generator((ulong)seed);
        var w = ppca.W + 0.01 * randn(ppca.W.shape, dtype: ScalarType.Float64, generator: g);
        var psi = s.diagonal().clamp_min(MinNoiseVariance);
        var history = new List<double>();
        for (int it = 0; it < maxIterations; it++)
        {
            using var step = NewDisposeScope();
            var (beta, _, _) = Posterior(w, psi);                                       // β = Wᵀ C⁻¹ [k, D]
            var sBeta = s.matmul(beta.T);                                               // S βᵀ [D, k]
            var ezz = eye(k, dtype: ScalarType.Float64) - beta.matmul(w) + beta.matmul(sBeta); // E[zzᵀ] averaged [k, k]
            var wNew = linalg.solve(ezz, sBeta.T).T;                                    // S βᵀ E[zzᵀ]⁻¹ (E[zzᵀ] symmetric)
            var psiNew = (s.diagonal() - (wNew * sBeta).sum(1)).clamp_min(MinNoiseVariance);
            w.copy_(wNew);
            psi.copy_(psiNew);
            history.Add(MeanLogLikelihood(w, psi, s));
            if (history.Count > 1 && history[^1] - history[^2] < tolerance) break;
        }
        return new FactorAnalysis(mean.data<double>().ToArray(), ToArray(w), psi.data<double>().ToArray(), history);
    }

    /// <summary>Probabilistic PCA in closed form: σ² = mean of the D − k smallest eigenvalues of S, W = U_k (Λ_k − σ² I)^½.</summary>
    public static FactorAnalysis FitPpca(float[] rows, int dimension, int k)
    {
        using var scope = NewDisposeScope();
        var (_, mean, s) = Moments(rows, dimension, k);
        var (w, sigma2) = PpcaTensors(s, k);
        var psi = full(dimension, sigma2, dtype: ScalarType.Float64);
        return new FactorAnalysis(mean.data<double>().ToArray(), ToArray(w), psi.data<double>().ToArray(), [MeanLogLikelihood(w, psi, s)]);
    }

    /// <summary>log N(x; μ, W Wᵀ + Ψ) for each row.</summary>
    public double[] LogLikelihood(float[] rows)
    {
        using var scope = NewDisposeScope();
        int d = Dimension, n = rows.Length / d;
        var x = tensor(rows, [n, d]).to(ScalarType.Float64) - tensor(Mean);
        var w = tensor(Flatten(Loadings), [d, Factors]);
        var psi = tensor(NoiseVariance);
        var (_, cInv, logDet) = Posterior(w, psi);
        var maha = (x.matmul(cInv) * x).sum(1);
        return (-0.5 * (d * Math.Log(2 * Math.PI) + logDet + maha)).data<double>().ToArray();
    }

    // β = Wᵀ C⁻¹, C⁻¹ and log det C, by Woodbury: C⁻¹ = Ψ⁻¹ − Ψ⁻¹ W (I + Wᵀ Ψ⁻¹ W)⁻¹ Wᵀ Ψ⁻¹.
    static (Tensor Beta, Tensor CInv, double LogDet) Posterior(Tensor w, Tensor psi)
    {
        int k = (int)w.shape[1];
        var psiInv = 1.0 / psi;
        var psiInvW = w * psiInv.unsqueeze(1);                                          // Ψ⁻¹ W [D, k]
        var m = eye(k, dtype: ScalarType.Float64) + w.T.matmul(psiInvW);               // I + Wᵀ Ψ⁻¹ W
        var mInv = linalg.inv(m);
        var cInv = diag(psiInv) - psiInvW.matmul(mInv).matmul(psiInvW.T);
        double logDet = psi.log().sum().item<double>() + linalg.slogdet(m).Item2.item<double>();
        return (w.T.matmul(cInv), cInv, logDet);
    }

    static double MeanLogLikelihood(Tensor w, Tensor psi, Tensor s)
    {
        using var scope = NewDisposeScope();
        long d = w.shape[0];
        var (_, cInv, logDet) = Posterior(w, psi);
        return -0.5 * (d * Math.Log(2 * Math.PI) + logDet + (cInv * s).sum().item<double>());
    }

    static (Tensor W, double Sigma2) PpcaTensors(Tensor s, int k)
    {
        long d = s.shape[0];
        var (values, vectors) = linalg.eigh(s);                                         // ascending
        var top = values.flip(0).narrow(0, 0, k);
        double sigma2 = k < d ? values.narrow(0, 0, d - k).mean().item<double>() : MinNoiseVariance;
        sigma2 = Math.Max(sigma2, MinNoiseVariance);
        var u = vectors.flip(1).narrow(1, 0, k);
        var w = u * (top - sigma2).clamp_min(0).sqrt().unsqueeze(0);
        return (w, sigma2);
    }

    // n, the mean [D] and the maximum-likelihood covariance S = (1/N) Σ (x − μ)(x − μ)ᵀ [D, D].
    static (int N, Tensor Mean, Tensor S) Moments(float[] rows, int dimension, int k)
    {
        int n = rows.Length / dimension;
        if (n < 2) throw new VaeException("factor analysis needs at least two examples.");
        if (k < 1 || k >= dimension) throw new VaeException($"--latent {k}: factor analysis needs 1 ≤ k < D = {dimension}.");
        var x = tensor(rows, [n, dimension]).to(ScalarType.Float64);
        var mean = x.mean([0]);
        var centered = x - mean;
        var s = centered.T.matmul(centered) / n;
        return (n, mean, s);
    }

    static double[,] ToArray(Tensor w)
    {
        var flat = w.contiguous().data<double>().ToArray();
        var result = new double[w.shape[0], w.shape[1]];
        Buffer.BlockCopy(flat, 0, result, 0, flat.Length * sizeof(double));
        return result;
    }

    static double[] Flatten(double[,] a)
    {
        var flat = new double[a.Length];
        Buffer.BlockCopy(a, 0, flat, 0, flat.Length * sizeof(double));
        return flat;
    }
}
