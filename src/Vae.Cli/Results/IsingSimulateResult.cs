using Vae.Applications.Physics;

namespace Vae.Cli.Results;

/// <summary>The `vae ising simulate --json` object.</summary>
public sealed record IsingSimulateResult(
    int Size, string Algorithm, int Seed, int Samples, double CriticalTemperature, string? Out, IReadOnlyList<TemperatureSummary> Temperatures)
{
    public static IsingSimulateResult From(IsingSimulationOptions o, string? output, IReadOnlyList<TemperatureSummary> summaries) =>
        new(o.Size, Names.Of(o.Algorithm), o.Seed, o.Samples, OnsagerSolution.CriticalTemperature, output, summaries);
}
