namespace Vae.Applications.SingleCell;

/// <summary>
/// How well batches mix in an embedding: for each query cell, the entropy of the batch labels
/// among its k nearest neighbours (Euclidean, itself excluded), divided by log B (B batches), and
/// averaged over the query cells (all cells, or <c>maxQueries</c> drawn with a seeded generator).
/// 1 means every neighbourhood holds the batches in equal shares; 0 means each cell's
/// neighbours all come from one batch. (With unequal batch sizes a well-mixed embedding scores
/// the entropy of the batch proportions, below 1.) NaN with a single batch.
/// </summary>
public static class BatchMixing
{
    public static double Score(float[] points, int dim, IReadOnlyList<int> batches, int neighbours = 50, int maxQueries = 2000, int seed = 0)
    {
        int n = points.Length / dim;
        if (batches.Count != n) throw new ArgumentException($"{batches.Count} batch labels for {n} points.");
        var (codes, names) = Categories.Encode(batches.Select(b => b.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray());
        int nb = names.Length;
        if (nb < 2) return double.NaN;
        int k = Math.Min(neighbours, n - 1);
        if (k < 1) return double.NaN;
        var queries = Enumerable.Range(0, n).ToArray();
        if (n > maxQueries) { new Random(seed).Shuffle(queries); queries = queries[..maxQueries]; }
        double total = 0;
        var heap = new PriorityQueue<int, double>(k + 1);
        var share = new int[nb];
        foreach (int q in queries)
        {
            heap.Clear();
            for (int i = 0; i < n; i++)
            {
                if (i == q) continue;
                double s = 0;
                for (int j = 0; j < dim; j++) { double d = points[q * dim + j] - points[i * dim + j]; s += d * d; }
                if (heap.Count < k) heap.Enqueue(i, -s);
                else if (-s > heap.TryPeekPriority()) { heap.DequeueEnqueue(i, -s); }
            }
            Array.Clear(share);
            while (heap.TryDequeue(out int i, out _)) share[codes[i]]++;
            double h = 0;
            foreach (int c in share) if (c > 0) h -= c / (double)k * Math.Log(c / (double)k);
            total += h / Math.Log(nb);
        }
        return total / queries.Length;
    }

    static double TryPeekPriority(this PriorityQueue<int, double> heap) => heap.TryPeek(out _, out double p) ? p : double.NegativeInfinity;
}
