
namespace Vae.Cli.Results;

/// <summary>The `vae fid --json` object; <c>prior</c> is the latent source, or the --sampler's name.</summary>
public sealed record FidResult(double Fid, double ReconMse, double ReconNll, int N, string Prior, double ClassifierAccuracy)
{
    public static FidResult From(QualityReport r) =>
        new(r.Fid, r.ReconstructionMse, r.ReconstructionNll, r.N, r.Sampler ?? Names.Of(r.Source), r.ClassifierAccuracy);
}
