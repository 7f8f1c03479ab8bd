namespace Vae.Applications.Physics;

/// <summary>
/// Per-temperature statistics of the test configurations: the true order parameter and energy
/// (reference), the VAE's latent coordinate z (the posterior mean projected on the latent direction
/// that carries most of it), its reconstruction error, and the first principal component p₁.
/// Fluctuations are N (⟨v²⟩ − ⟨|v|⟩²) / T, which for v = m is the susceptibility χ′.
/// </summary>
public sealed record IsingTemperaturePoint(
    double Temperature,
    int Count,
    double AbsMagnetization,
    double AbsMagnetizationErr,
    double Susceptibility,
    double Energy,
    double VaeAbsZ,
    double VaeAbsZErr,
    double VaeRmsZ,
    double VaeFluctuation,
    double VaeSigma,
    double Reconstruction,
    double ReconstructionErr,
    double PcaAbs,
    double PcaAbsErr,
    double PcaFluctuation);
