namespace Vae.Applications.Physics;

/// <summary>
/// The configurations saved at one temperature, with their energies and magnetizations per spin, and
/// how the chain was run: τ_int measured on the pilot run, the sweeps discarded and the sweeps between samples.
/// </summary>
public sealed class TemperatureRun
{
    public required double Temperature { get; init; }
    public required int Size { get; init; }

    /// <summary>Samples × L² spins, each 0 (σ = −1) or 1 (σ = +1), row-major.</summary>
    public required byte[] Spins { get; init; }

    /// <summary>E/N of each saved configuration.</summary>
    public required double[] Energies { get; init; }

    /// <summary>M/N of each saved configuration (signed).</summary>
    public required double[] Magnetizations { get; init; }

    /// <summary>τ_int of E and of |m| on the pilot run, in sweeps.</summary>
    public required Autocorrelation PilotEnergy { get; init; }
    public required Autocorrelation PilotAbsMagnetization { get; init; }

    /// <summary>Sweeps run before the first saved configuration (the whole pilot run).</summary>
    public required int EquilibrationSweeps { get; init; }

    public required int SweepsBetweenSamples { get; init; }

    /// <summary>False when the pilot reached its maximum length before it was 100 τ_int long.</summary>
    public required bool Equilibrated { get; init; }

    public required double Seconds { get; init; }

    public int Count => Energies.Length;

    /// <summary>Means and standard errors over the saved configurations (errors from their own τ_int).</summary>
    public TemperatureSummary Summary()
    {
        var e = Autocorrelation.Of(Energies);
        var m = Autocorrelation.Of(Magnetizations.Select(Math.Abs).ToArray());
        double m2 = Magnetizations.Average(v => v * v);
                return new TemperatureSummary(
            Temperature, e.Mean, e.StandardError, m.Mean, m.StandardError, Count,
            Size * Size * (m2 - m.Mean * m.Mean) / Temperature,
            KaufmanSolution.EnergyPerSpin(Size, Temperature), OnsagerSolution.EnergyPerSpin(Temperature), OnsagerSolution.SpontaneousMagnetization(Temperature),
            Math.Max(PilotEnergy.Tau, PilotAbsMagnetization.Tau), EquilibrationSweeps, SweepsBetweenSamples, Equilibrated,
            Math.Max(e.Tau, m.Tau));
    }
}
