namespace Vae.Applications.SingleCell;

/// <summary>The result of <see cref="CellEvaluation.Evaluate"/>: the VAE and the PCA baseline side by side, and what they were measured on.</summary>
/// <param name="HeldoutLoglikPerCell">log p(x) of each held-out cell (in the order of the test split).</param>
/// <param name="RareRows">The rows of the test split that hold the rare type.</param>
public sealed record CellEvaluationResult(VaeCellScores Vae, EmbeddingScores Pca, string Embedded, int EmbeddedCells, int HeldoutCells,
    string? RareType, int RareHeldoutCells, int K, int Latent, int Components, int Genes, double[] HeldoutLoglikPerCell, int[] RareRows);
