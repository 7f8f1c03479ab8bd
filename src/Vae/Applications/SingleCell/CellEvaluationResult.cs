namespace Vae.Applications.SingleCell;

/// <summary>The result of <see cref="CellEvaluation.Evaluate"/>: the VAE and the PCA baseline side by side, and what they were measured on.</summary>
public sealed record CellEvaluationResult(VaeCellScores Vae, EmbeddingScores Pca, string Embedded, int EmbeddedCells, int HeldoutCells,
    string? RareType, int RareHeldoutCells, int K, int Latent, int Components, int Genes);
