namespace Vae.Applications.SingleCell;

/// <summary>
/// How well an embedding of cells recovers known cell types and mixes batches (JSON keys
/// <c>ari</c>, <c>nmi</c>, <c>silhouette</c>, <c>batch_mixing</c>). See <see cref="EmbeddingMetrics"/>.
/// </summary>
public sealed record EmbeddingScores(double Ari, double Nmi, double Silhouette, double BatchMixing);

/// <summary>Settings of <see cref="EmbeddingMetrics.Compute"/>; the defaults are the ones reported in docs/results/single-cell.md.</summary>
public sealed record MetricOptions
{
    /// <summary>Seed of k-means and of the cell subsamples.</summary>
    public int Seed { get; init; }

    /// <summary>Number of k-means clusters; null uses the number of distinct labels.</summary>
    public int? Clusters { get; init; }

    /// <summary>k-means restarts (the best by within-cluster sum of squares is kept).</summary>
    public int Restarts { get; init => field = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(Restarts), value, "Restarts: must be ≥ 1."); } = 10;

    /// <summary>Cells used for the silhouette (exact, O(n²)).</summary>
    public int SilhouetteCells { get; init => field = value >= 2 ? value : throw new ArgumentOutOfRangeException(nameof(SilhouetteCells), value, "SilhouetteCells: must be ≥ 2."); } = 5000;

    /// <summary>Neighbours per cell for batch mixing.</summary>
    public int Neighbours { get; init => field = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(Neighbours), value, "Neighbours: must be ≥ 1."); } = 50;

    /// <summary>Query cells for batch mixing.</summary>
    public int MixingCells { get; init => field = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(MixingCells), value, "MixingCells: must be ≥ 1."); } = 2000;

    public static MetricOptions Default { get; } = new();
}
