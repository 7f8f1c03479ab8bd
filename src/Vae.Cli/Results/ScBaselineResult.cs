using Vae.Applications.SingleCell;

namespace Vae.Cli.Results;

/// <summary>The `vae sc baseline --json` object.</summary>
public sealed record ScBaselineResult(EmbeddingScores Pca, int Cells, int Genes, int Components, double Seconds);
