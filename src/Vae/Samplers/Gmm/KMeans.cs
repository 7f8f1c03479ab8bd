using TorchSharp;
using static TorchSharp.torch;

namespace Vae.Samplers.Gmm;

/// <summary>
/// k-means with k-means++ seeding (Arthur &amp; Vassilvitskii 2007) and Lloyd iterations, as scikit-learn's KMeans
/// initialises a GaussianMixture: the labels it returns give EM its first responsibilities.
/// </summary>
public static class KMeans
{
    /// <summary>The cluster of each row of <paramref name="x"/> [N, d] (float64): [N] int64. All randomness from <paramref name="generator"/> (CPU).</summary>
    public static Tensor Labels(Tensor x, int k, int iterations, Generator generator)
    {
        using var scope = NewDisposeScope();
        long n = x.shape[0];
        if (n < k) throw new VaeException($"--components {k}: more components than the {n} codes to fit them to.");
        var centers = PlusPlus(x, k, generator);
        var labels = Nearest(x, centers);
        for (int i = 0; i < iterations; i++)
        {
            var oneHot = nn.functional.one_hot(labels, k).to(ScalarType.Float64);       // [N, K]
            var counts = oneHot.sum(dim: 0);                                              // [K]
            var sums = oneHot.T.matmul(x);                                                // [K, d]
            // An emptied cluster keeps its centre.
            centers = where(counts.unsqueeze(1) > 0, sums / counts.clamp_min(1).unsqueeze(1), centers);
            var next = Nearest(x, centers);
            bool same = next.equal(labels).all().item<bool>();
            labels = next;
            if (same) break;
        }
        return labels.MoveToOuterDisposeScope();
    }

    // k-means++: the first centre uniformly, each next one with probability ∝ squared distance to the nearest centre so far.
    static Tensor PlusPlus(Tensor x, int k, Generator generator)
    {
        long n = x.shape[0];
        var chosen = new List<long> { randint(n, [1], generator: generator).item<long>() };
        var d2 = SquaredDistances(x, x[chosen[0]].unsqueeze(0)).squeeze(1);
        while (chosen.Count < k)
        {
            var p = d2.sum().item<double>() > 0 ? d2 : ones_like(d2);
            long next = multinomial(p, 1, generator: generator).item<long>();
            chosen.Add(next);
            d2 = minimum(d2, SquaredDistances(x, x[next].unsqueeze(0)).squeeze(1));
        }
        return x.index_select(0, tensor(chosen.ToArray()));
    }

    static Tensor Nearest(Tensor x, Tensor centers) => SquaredDistances(x, centers).argmin(1);

    // ‖x_i − c_j‖² for every pair: [N, K].
    static Tensor SquaredDistances(Tensor x, Tensor c) =>
        (x.pow(2).sum(dim: 1, keepdim: true) - 2 * x.matmul(c.T) + c.pow(2).sum(dim: 1).unsqueeze(0)).clamp_min(0);
}
