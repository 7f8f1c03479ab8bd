
namespace Vae.Cli.Results;

/// <summary>The `vae gradient-variance --json` object.</summary>
public sealed record GradientVarianceResult(
    double ReparameterizationVariance, double ScoreFunctionVariance, double Ratio, double MeanDistance, double MeanDistanceSe, long Parameters, int Repetitions)
{
    public static GradientVarianceResult From(EstimatorComparison r) =>
        new(r.ReparameterizationVariance, r.ScoreFunctionVariance, r.Ratio, r.MeanDistance, r.MeanDistanceStandardError, r.Parameters, r.Repetitions);
}
