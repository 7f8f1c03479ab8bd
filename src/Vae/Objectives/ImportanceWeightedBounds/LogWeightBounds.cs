using static TorchSharp.torch;

namespace Vae.Objectives;

/// <summary>
/// The bounds on log p(x) that the importance-weighted objectives combine, from the log weights log w [N, B] of N
/// draws per example (<see cref="ImportanceWeighted.Draw"/>), each per example [B]. Draws are laid out group by
/// group: draw m·K + k is sample k of group m.
/// </summary>
public static class LogWeightBounds
{
    /// <summary>IWAE_N = log (1/N) Σ_n w_n over all N draws (Burda et al. 2015): [B].</summary>
    public static Tensor Iwae(Tensor logWeights) => logWeights.logsumexp(dim: 0) - Math.Log(logWeights.shape[0]);

    /// <summary>MIWAE_{M,K} = (1/M) Σ_m IWAE_K of group m (Rainforth et al. 2018), N = M·K: [B].</summary>
    public static Tensor Miwae(Tensor logWeights, int groups)
    {
        long n = logWeights.shape[0];
        if (groups < 1 || n % groups != 0) throw new ArgumentOutOfRangeException(nameof(groups), groups, $"groups: must divide the {n} draws.");
        var grouped = logWeights.view(groups, n / groups, -1);             // [M, K, B]
        return (grouped.logsumexp(dim: 1) - Math.Log(n / groups)).mean([0]);
    }

    /// <summary>The Monte Carlo ELBO (1/N) Σ_n log w_n of the same draws: [B].</summary>
    public static Tensor Elbo(Tensor logWeights) => logWeights.mean([0]);
}
