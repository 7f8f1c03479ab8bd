using System.Text.Json.Serialization;
using TorchSharp;
using static TorchSharp.torch;

namespace Vae.Samplers.Gmm;

/// <summary>
/// A Gaussian mixture with full covariances: p(z) = Σ_k w_k N(z; μ_k, Σ_k). Parameters are held in double precision
/// (<see cref="Weights"/> [K], <see cref="Means"/> [K][d], <see cref="Covariances"/> [K][d][d]); the computations
/// run in float64 on the CPU.
/// </summary>
public sealed record GaussianMixture(double[] Weights, double[][] Means, double[][][] Covariances)
{
    [JsonIgnore] public int Components => Weights.Length;
    [JsonIgnore] public int Dimension => Means[0].Length;

    /// <summary>Checks the shapes agree and the weights form a distribution; returns this.</summary>
    public GaussianMixture Validated()
    {
        if (Weights.Length == 0 || Means.Length != Weights.Length || Covariances.Length != Weights.Length)
            throw new VaeException($"a Gaussian mixture needs as many means and covariances as weights ({Weights.Length}).");
        int d = Means[0].Length;
        if (Means.Any(m => m.Length != d) || Covariances.Any(c => c.Length != d || c.Any(r => r.Length != d)))
            throw new VaeException($"a Gaussian mixture's means must all have {d} values and its covariances be {d}×{d}.");
        if (Weights.Any(w => !(w >= 0)) || Math.Abs(Weights.Sum() - 1) > 1e-6)
            throw new VaeException("a Gaussian mixture's weights must be ≥ 0 and sum to 1.");
        return this;
    }

    /// <summary>The parameters as float64 CPU tensors: w [K], μ [K, d], Σ [K, d, d].</summary>
    public (Tensor Weights, Tensor Means, Tensor Covariances) Tensors()
    {
        int k = Components, d = Dimension;
        return (tensor(Weights),
            tensor(Means.SelectMany(m => m).ToArray(), [k, d]),
            tensor(Covariances.SelectMany(c => c.SelectMany(r => r)).ToArray(), [k, d, d]));
    }

    /// <summary>From float64 tensors w [K], μ [K, d], Σ [K, d, d].</summary>
    public static GaussianMixture From(Tensor weights, Tensor means, Tensor covariances)
    {
        int k = (int)means.shape[0], d = (int)means.shape[1];
        var m = means.cpu().to(ScalarType.Float64).data<double>().ToArray();
        var c = covariances.cpu().to(ScalarType.Float64).data<double>().ToArray();
        return new GaussianMixture(weights.cpu().to(ScalarType.Float64).data<double>().ToArray(),
            [.. Enumerable.Range(0, k).Select(j => m.AsSpan(j * d, d).ToArray())],
            [.. Enumerable.Range(0, k).Select(j => Enumerable.Range(0, d).Select(r => c.AsSpan((j * d + r) * d, d).ToArray()).ToArray())]);
    }

    /// <summary>log w_k + log N(x_i; μ_k, Σ_k) for rows x [N, d] (float64): [N, K].</summary>
    public static Tensor WeightedLogProb(Tensor x, Tensor weights, Tensor means, Tensor covariances)
    {
        using var scope = NewDisposeScope();
        long d = x.shape[1];
        var l = linalg.cholesky(covariances);                                       // [K, d, d], lower
        var columns = new List<Tensor>();
        for (long k = 0; k < means.shape[0]; k++)
        {
            var diff = (x - means[k]).T;                                             // [d, N]
            var y = linalg.solve_triangular(l[k], diff, upper: false);               // L⁻¹(x − μ): [d, N]
            var logDet = 2 * l[k].diagonal().log().sum();
            columns.Add(-0.5 * (d * Math.Log(2 * Math.PI) + logDet + y.pow(2).sum(dim: 0)) + weights[k].log());
        }
        return stack(columns, 1).MoveToOuterDisposeScope();
    }

    /// <summary>log p(x_i) for rows x [N, d]: [N] (float64, CPU).</summary>
    public Tensor LogDensity(Tensor x)
    {
        using var scope = NewDisposeScope();
        var (w, m, c) = Tensors();
        return WeightedLogProb(x.cpu().to(ScalarType.Float64), w, m, c).logsumexp(1).MoveToOuterDisposeScope();
    }

    /// <summary>n draws [n, d] (float64, CPU): a component k ~ w, then μ_k + L_k ε with ε ~ N(0, I) and L_k L_kᵀ = Σ_k.</summary>
    public Tensor Sample(long n, Generator generator)
    {
        using var scope = NewDisposeScope();
        var (w, m, c) = Tensors();
        var component = multinomial(w, n, replacement: true, generator: generator);          // [n]
        var eps = randn([n, Dimension], dtype: ScalarType.Float64, generator: generator);    // [n, d]
        var l = linalg.cholesky(c).index_select(0, component);                               // [n, d, d]
        return (m.index_select(0, component) + l.matmul(eps.unsqueeze(-1)).squeeze(-1)).MoveToOuterDisposeScope();
    }
}
