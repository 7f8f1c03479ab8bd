namespace Vae.Applications.SingleCell;

/// <summary>Settings of <see cref="CellEvaluation.Evaluate"/>.</summary>
public sealed record CellEvaluationOptions
{
    /// <summary>Embed and score only the held-out cells (default: all cells, training and held-out).</summary>
    public bool HeldOutOnly { get; init; }

    /// <summary>Importance samples per held-out cell for log p(x).</summary>
    public int K { get; init => field = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(K), value, "K: must be ≥ 1."); } = 100;

    /// <summary>Principal components of the baseline; null uses the VAE's latent dimension.</summary>
    public int? Components { get; init; }

    /// <summary>The rare cell type; null takes the label with the fewest cells.</summary>
    public string? RareType { get; init; }

    public MetricOptions Metrics { get; init; } = MetricOptions.Default;
}
