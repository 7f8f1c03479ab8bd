namespace Vae.Applications.Robotics;

/// <summary>
/// One simulated episode: <see cref="States"/>[i] is the state at frame i − Warmup and
/// <see cref="Actions"/>[i] the torque applied from that frame to the next, so step t of the
/// episode is index Warmup + t. The warm-up frames exist so stacked examples have their past.
/// </summary>
public sealed record Episode(int Index, bool IsTest, double[][] States, double[][] Actions, (double X, double Y)? Target)
{
    public const int Warmup = SimulationOptions.MaxStack - 1;

    /// <summary>Recorded frames (excluding the warm-up).</summary>
    public int Steps => States.Length - Warmup;

    public double[] State(int step) => States[Warmup + step];

    public double[] Action(int step) => Actions[Warmup + step];
}
