using Vae.Applications.SingleCell;

namespace Vae.Cli.Results;

/// <summary>The `vae sc tradeoff --json` object and tradeoff.json: one point per β, with paired log-likelihood differences to the reference β.</summary>
public sealed record TradeoffResult(double ReferenceBeta, IReadOnlyList<TradeoffResult.Point> Points)
{
    public sealed record Point(
        double Beta, double Rate, VaeCellScores Vae, EmbeddingScores Pca,
        double LoglikVsReference, double LoglikVsReferenceSe, double LoglikRareVsReference, double LoglikRareVsReferenceSe,
        string Cells, int HeldoutCells, string? RareType, int RareHeldoutCells, int K, string ModelDir);

    public static TradeoffResult From(double reference, IReadOnlyList<TradeoffPoint> points,
        IReadOnlyList<((double Mean, double StandardError) All, (double Mean, double StandardError) Rare)> diffs) =>
        new(reference, points.Select((p, i) => new Point(
            p.Beta, p.Rate, p.Result.Vae, p.Result.Pca,
            diffs[i].All.Mean, diffs[i].All.StandardError, diffs[i].Rare.Mean, diffs[i].Rare.StandardError,
            p.Result.Embedded, p.Result.HeldoutCells, p.Result.RareType, p.Result.RareHeldoutCells, p.Result.K, p.ModelDir)).ToList());
}
