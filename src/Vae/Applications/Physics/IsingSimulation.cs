namespace Vae.Applications.Physics;

/// <summary>The result of <see cref="IsingSimulator.Run"/>: one run per temperature of the grid, in grid order.</summary>
public sealed record IsingSimulation(IsingSimulationOptions Options, IReadOnlyList<TemperatureRun> Runs)
{
    public IReadOnlyList<TemperatureSummary> Summaries() => Runs.Select(r => r.Summary()).ToArray();
}
