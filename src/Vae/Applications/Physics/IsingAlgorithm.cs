namespace Vae.Applications.Physics;

/// <summary>The Markov-chain update used to sample the Ising model.</summary>
public enum IsingAlgorithm
{
    /// <summary>Wolff single-cluster updates (Wolff 1989): no critical slowing down to speak of.</summary>
    Wolff,
    /// <summary>Single-spin-flip Metropolis sweeps (typewriter order): slow near T_c and in the ordered phase.</summary>
    Metropolis,
}
