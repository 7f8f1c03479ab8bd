namespace Vae.Objectives;

/// <summary>The kernel of the MMD penalty (<see cref="Mmd"/>), each summed over the bandwidths <see cref="Mmd.Scales"/>.</summary>
public enum MmdKernel
{
    /// <summary>Inverse multiquadratic k(a, b) = C / (C + ‖a − b‖²) (Tolstikhin et al. 2018; heavy tails, the WAE paper's choice).</summary>
    Imq,

    /// <summary>Gaussian (RBF) k(a, b) = exp(−‖a − b‖² / C).</summary>
    Rbf,
}
