namespace Vae.Applications.SingleCell;

/// <summary>A k-means clustering: each point's cluster, the centroids [k × d] and the within-cluster sum of squares.</summary>
public sealed record KMeansResult(int[] Assignments, double[] Centroids, double Inertia);

/// <summary>
/// k-means (Lloyd's iterations) from k-means++ seeding (Arthur and Vassilvitskii 2007), restarted
/// several times with seeds drawn from one seeded generator; the restart with the smallest
/// within-cluster sum of squares is kept. A cluster that empties takes the point farthest from its centroid.
/// </summary>
public static class KMeans
{
    public static KMeansResult Fit(float[] points, int dim, int k, int seed = 0, int restarts = 10, int maxIterations = 300)
    {
        int n = points.Length / dim;
        if (k < 1 || k > n) throw new VaeException($"k-means: {k} clusters requested for {n} points.");
        if (restarts < 1) throw new ArgumentOutOfRangeException(nameof(restarts), restarts, "restarts: must be ≥ 1.");
        var rng = new Random(seed);
        KMeansResult? best = null;
        for (int r = 0; r < restarts; r++)
        {
            var result = Run(points, n, dim, k, new Random(rng.Next()), maxIterations);
            if (best is null || result.Inertia < best.Inertia) best = result;
        }
        return best!;
    }

    static KMeansResult Run(float[] x, int n, int dim, int k, Random rng, int maxIterations)
    {
        var centroids = PlusPlus(x, n, dim, k, rng);
        var assign = new int[n];
        var distance = new double[n];
        Array.Fill(assign, -1);
        for (int iteration = 0; iteration < maxIterations; iteration++)
        {
            bool changed = false;
            for (int i = 0; i < n; i++)
            {
                int bestC = 0; double bestD = double.PositiveInfinity;
                for (int c = 0; c < k; c++)
                {
                    double d = Distance2(x, i * dim, centroids, c * dim, dim);
                    if (d < bestD) { bestD = d; bestC = c; }
                }
                distance[i] = bestD;
                if (assign[i] != bestC) { assign[i] = bestC; changed = true; }
            }
            if (!changed) break;
            var sums = new double[k * dim];
            var counts = new int[k];
            for (int i = 0; i < n; i++)
            {
                counts[assign[i]]++;
                for (int j = 0; j < dim; j++) sums[assign[i] * dim + j] += x[i * dim + j];
            }
            for (int c = 0; c < k; c++)
            {
                if (counts[c] == 0)
                {
                    int far = Array.IndexOf(distance, distance.Max());
                    distance[far] = 0;
                    for (int j = 0; j < dim; j++) centroids[c * dim + j] = x[far * dim + j];
                    continue;
                }
                for (int j = 0; j < dim; j++) centroids[c * dim + j] = sums[c * dim + j] / counts[c];
            }
        }
        double inertia = 0;
        for (int i = 0; i < n; i++) inertia += Distance2(x, i * dim, centroids, assign[i] * dim, dim);
        return new KMeansResult(assign, centroids, inertia);
    }

    // k-means++: the first centre uniformly, each next one with probability ∝ squared distance to the nearest chosen centre.
    static double[] PlusPlus(float[] x, int n, int dim, int k, Random rng)
    {
        var centroids = new double[k * dim];
        int first = rng.Next(n);
        for (int j = 0; j < dim; j++) centroids[j] = x[first * dim + j];
        var nearest = new double[n];
        for (int i = 0; i < n; i++) nearest[i] = Distance2(x, i * dim, centroids, 0, dim);
        for (int c = 1; c < k; c++)
        {
            double total = nearest.Sum();
            int pick;
            if (total <= 0) pick = rng.Next(n);
            else
            {
                double u = rng.NextDouble() * total;
                pick = n - 1;
                for (int i = 0; i < n; i++) { u -= nearest[i]; if (u < 0) { pick = i; break; } }
            }
            for (int j = 0; j < dim; j++) centroids[c * dim + j] = x[pick * dim + j];
            for (int i = 0; i < n; i++) nearest[i] = Math.Min(nearest[i], Distance2(x, i * dim, centroids, c * dim, dim));
        }
        return centroids;
    }

    static double Distance2(float[] x, int xi, double[] c, int ci, int dim)
    {
        double s = 0;
        for (int j = 0; j < dim; j++) { double d = x[xi + j] - c[ci + j]; s += d * d; }
        return s;
    }
}
