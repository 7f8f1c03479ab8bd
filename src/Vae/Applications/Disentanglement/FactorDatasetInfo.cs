namespace Vae.Applications.Disentanglement;

/// <summary>
/// dataset.json of a folder written by <see cref="FactorDatasetFolder.Write"/>: which generator made it
/// and how, so the metrics can draw any further image of the same data set on the fly.
/// </summary>
public sealed record FactorDatasetInfo
{
    public string Generator { get; init; } = "";
    /// <summary>Training images (the IDX train files); the full grid when <see cref="FullGrid"/>.</summary>
    public int Train { get; init; }
    public int Test { get; init; }
    public bool FullGrid { get; init; }
    public int Seed { get; init; }
    public IReadOnlyList<string> Factors { get; init; } = [];
    public IReadOnlyList<int> FactorSizes { get; init; } = [];
}
