using Vae.Applications.SingleCell;

namespace Vae.Cli.Results;

/// <summary>The `vae sc evaluate --json` object.</summary>
public sealed record ScEvaluateResult(
    VaeCellScores Vae, EmbeddingScores Pca, string Cells, int EmbeddedCells, int HeldoutCells, string? RareType, int RareHeldoutCells,
    int K, int Latent, int Components, int Genes, string? LabelKey, string? BatchKey, string ModelDir, double Seconds)
{
    public static ScEvaluateResult From(CellEvaluationResult r, string? labelKey, string? batchKey, string modelDir, double seconds) => new(
        r.Vae, r.Pca, r.Embedded, r.EmbeddedCells, r.HeldoutCells, r.RareType, r.RareHeldoutCells, r.K, r.Latent, r.Components, r.Genes,
        labelKey, batchKey, modelDir, seconds);
}
