namespace Vae.Objectives;

/// <summary>Which training objective a run minimises (kebab-case in config.json and on the command line).</summary>
public enum ObjectiveKind
{
    /// <summary>The negative ELBO with β on the KL (β = 1: the ELBO; β &gt; 1: β-VAE, Higgins et al. 2017).</summary>
    Elbo,
    /// <summary>Annealed capacity (Burgess et al. 2018): −E[log p(x|z)] + γ·|KL − C(t)|, C rising linearly from 0 to C_max.</summary>
    Capacity,
    /// <summary>β-TCVAE (Chen et al. 2018): the KL split into index-code MI + total correlation + dimension-wise KL, the TC weighted.</summary>
    BetaTcvae,
    /// <summary>DIP-VAE-I (Kumar et al. 2018): the ELBO plus a penalty pushing Cov[μ(x)] towards the identity.</summary>
    DipVaeI,
    /// <summary>DIP-VAE-II (Kumar et al. 2018): the ELBO plus a penalty pushing Cov_q(z) = E[Σ(x)] + Cov[μ(x)] towards the identity.</summary>
    DipVaeII,
    /// <summary>FactorVAE (Kim and Mnih 2018): the ELBO plus γ·TC, the TC estimated by a discriminator between z and dimension-wise-permuted z.</summary>
    FactorVae,
}
