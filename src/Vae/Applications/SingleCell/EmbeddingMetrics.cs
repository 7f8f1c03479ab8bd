namespace Vae.Applications.SingleCell;

/// <summary>
/// The metrics of an embedding of cells (N × k, row-major) against known labels, the same for a
/// VAE's latent means and for the PCA baseline:
/// <list type="bullet">
/// <item><c>ari</c>, <c>nmi</c>: adjusted Rand index and normalised mutual information between the
/// labels and k-means clusters of the embedding (k = number of labels, k-means++ seeding, 10 restarts).</item>
/// <item><c>silhouette</c>: mean silhouette width of the labels (cell types) in the embedding, in [−1, 1].</item>
/// <item><c>batch_mixing</c>: mean normalised entropy of batch labels among each cell's 50 nearest neighbours, in [0, 1] (NaN with one batch).</item>
/// </list>
/// </summary>
public static class EmbeddingMetrics
{
    public static EmbeddingScores Compute(float[] embedding, int dim, IReadOnlyList<int> labels, IReadOnlyList<int>? batches, MetricOptions? options = null)
    {
        options ??= MetricOptions.Default;
        int n = embedding.Length / dim;
        if (dim < 1 || embedding.Length != n * dim) throw new ArgumentException($"{embedding.Length} values are not N × {dim}.", nameof(embedding));
        if (labels.Count != n) throw new ArgumentException($"{labels.Count} labels for {n} cells.", nameof(labels));
        if (!embedding.All(float.IsFinite)) throw new VaeException("the embedding has NaN or infinite coordinates.");
        int k = options.Clusters ?? labels.Distinct().Count();
        var clusters = KMeans.Fit(embedding, dim, Math.Min(k, n), options.Seed, options.Restarts).Assignments;
        return new EmbeddingScores(
            ClusterAgreement.AdjustedRandIndex(labels, clusters),
            ClusterAgreement.NormalizedMutualInformation(labels, clusters),
            Silhouette.Score(embedding, dim, labels, options.SilhouetteCells, options.Seed),
            batches is null ? double.NaN : BatchMixing.Score(embedding, dim, batches, options.Neighbours, options.MixingCells, options.Seed));
    }
}
