
namespace Vae.Cli.Results;

/// <summary>The `vae gap --json` object (nats per example).</summary>
public sealed record GapResult(double Elbo, double ElboOptimal, double Loglik, double ApproximationGap, double AmortizationGap, int N, bool Exact)
{
    public static GapResult From(GapReport r) =>
        new(r.MeanElbo, r.MeanElboOptimal, r.MeanLogLikelihood, r.ApproximationGap, r.AmortizationGap, r.N, r.Exact);
}
