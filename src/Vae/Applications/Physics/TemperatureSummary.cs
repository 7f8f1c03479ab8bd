namespace Vae.Applications.Physics;

/// <summary>
/// What a simulation measured at one temperature, beside the exact values (the `--json` output of
/// `vae ising simulate`, one per temperature). Energies and magnetizations are per spin.
/// </summary>
/// <param name="Susceptibility">χ = N (⟨m²⟩ − ⟨|m|⟩²) / T, the finite-lattice susceptibility.</param>
/// <param name="EnergyExact">The exact ⟨E⟩/N of this finite L×L lattice (Kaufman).</param>
/// <param name="EnergyOnsager">The infinite-lattice value (Onsager).</param>
/// <param name="AbsMagnetizationYang">The infinite-lattice spontaneous magnetization (Yang), 0 above T_c.</param>
/// <param name="Tau">τ_int of the pilot run (the larger of E's and |m|'s), in sweeps.</param>
/// <param name="TauBetweenSamples">τ_int of the saved series, in samples (≈ ½ when the samples are independent).</param>
public sealed record TemperatureSummary(
    double Temperature,
    double Energy,
    double EnergyErr,
    double AbsMagnetization,
    double AbsMagnetizationErr,
    int Samples,
    double Susceptibility,
    double EnergyExact,
    double EnergyOnsager,
    double AbsMagnetizationYang,
    double Tau,
    int EquilibrationSweeps,
    int SweepsBetweenSamples,
    bool Equilibrated,
    double TauBetweenSamples);
