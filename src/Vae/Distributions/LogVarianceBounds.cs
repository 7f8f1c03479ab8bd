namespace Vae.Distributions;

/// <summary>
/// Bounds on the log-variance of a Gaussian posterior: σ between e^−15 ≈ 3·10⁻⁷ and e^10 ≈ 2·10⁴. Far outside
/// anything a trained model uses (so results are unchanged), but they keep exp(log σ²) and 1/σ² finite in float32
/// when a run goes astray; outside them the gradient is zero rather than NaN.
/// </summary>
public static class LogVarianceBounds
{
    public const double Min = -30, Max = 20;
}
