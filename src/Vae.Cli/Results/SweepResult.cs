using Vae.Training;

namespace Vae.Cli.Results;

/// <summary>The `vae sweep --json` object and sweep.json: one point per β.</summary>
public sealed record SweepResult(IReadOnlyList<SweepResult.Point> Points)
{
    public sealed record Point(double Beta, double Rate, double Distortion, double Elbo, double? Mse, int N, string ModelDir);

    public static SweepResult From(IEnumerable<RateDistortionPoint> points) =>
        new(points.Select(p => new Point(p.Beta, p.Rate, p.Distortion, p.Elbo, p.MeanSquaredError, p.N, p.ModelDir)).ToList());
}
