using static TorchSharp.torch;

namespace Vae.Evaluation;

/// <summary>
/// The Fréchet distance between Gaussians fitted to two sets of feature vectors (the FID of Heusel
/// et al. 2017 when the features come from a classifier):
/// ‖μ₁ − μ₂‖² + tr Σ₁ + tr Σ₂ − 2 tr (Σ₁^½ Σ₂ Σ₁^½)^½, computed in double precision with
/// symmetric eigen-decompositions (no non-symmetric square root).
/// </summary>
public static class FrechetDistance
{
    /// <summary>Distance between the feature sets a (N₁×k) and b (N₂×k), row-major.</summary>
    public static double Compute(float[] a, float[] b, int k)
    {
        using var scope = NewDisposeScope();
        var (muA, covA) = Moments(a, k);
        var (muB, covB) = Moments(b, k);
        return Compute(muA, covA, muB, covB);
    }

    public static double Compute(Tensor muA, Tensor covA, Tensor muB, Tensor covB)
    {
        using var scope = NewDisposeScope();
        var sqrtA = SymmetricSqrt(covA);
        var middle = sqrtA.matmul(covB).matmul(sqrtA);
        middle = 0.5 * (middle + middle.T);
        var traceSqrt = linalg.eigvalsh(middle).clamp_min(0).sqrt().sum();
        var meanTerm = (muA - muB).square().sum();
        return (meanTerm + covA.trace() + covB.trace() - 2 * traceSqrt).item<double>();
    }

    static (Tensor Mean, Tensor Covariance) Moments(float[] rows, int k)
    {
        int n = rows.Length / k;
        if (n < 2) throw new VaeException("the Fréchet distance needs at least two examples per set.");
        var x = tensor(rows, [n, k]).to(ScalarType.Float64);
        var mean = x.mean([0]);
        var c = x - mean;
        return (mean, c.T.matmul(c) / (n - 1));
    }

    static Tensor SymmetricSqrt(Tensor m)
    {
        var (values, vectors) = linalg.eigh(0.5 * (m + m.T));
        return vectors.matmul(diag(values.clamp_min(0).sqrt())).matmul(vectors.T);
    }
}
