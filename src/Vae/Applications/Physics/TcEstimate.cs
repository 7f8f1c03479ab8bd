namespace Vae.Applications.Physics;

/// <summary>
/// One estimate of the critical temperature from one observable, with its bootstrap standard error
/// (configurations resampled within each temperature) and its distance from the exact T_c.
/// </summary>
/// <param name="Source">What was measured: "magnetization" (the true order parameter, the reference), "vae" or "pca".</param>
/// <param name="Observable">e.g. "<|z|>", "var(|z|)", "reconstruction error".</param>
/// <param name="Method">"steepest change" (the peak of |d/dT| by central differences) or "peak" (of the observable itself); a peak is the vertex of a parabola fitted to the points near the largest value.</param>
public sealed record TcEstimate(string Source, string Observable, string Method, double Value, double Error)
{
    public double Distance => Value - OnsagerSolution.CriticalTemperature;
}
