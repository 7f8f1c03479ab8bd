using Vae.Training;

namespace Vae.Cli.Results;

/// <summary>The `vae prune --json` object: ELBO and NLL before pruning, right after it, and after fine-tuning (null without).</summary>
public sealed record PruneResult(
    int LatentBefore, int LatentAfter, int[] Kept, int[] Removed,
    double ElboBefore, double NllBefore, double ElboPruned, double NllPruned, double? ElboAfter, double? NllAfter, int K, int N)
{
    public static PruneResult From(PruneReport r) => new(
        r.Before.Latent, r.Pruned.Latent, r.Kept, r.Removed,
        r.Before.Elbo, r.Before.Nll, r.Pruned.Elbo, r.Pruned.Nll, r.FineTuned?.Elbo, r.FineTuned?.Nll, r.K, r.N);
}
