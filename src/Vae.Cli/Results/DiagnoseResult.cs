
namespace Vae.Cli.Results;

/// <summary>The `vae diagnose --json` object.</summary>
public sealed record DiagnoseResult(double[] KlPerDim, double KlTotal, int ActiveUnitsKl, int ActiveUnitsCov, double MutualInformation, string Verdict)
{
    public static DiagnoseResult From(LatentReport r) =>
        new(r.KlPerDim, r.KlTotal, r.ActiveByKl.Length, r.ActiveByVariance.Length, r.MutualInformation, Names.Of(r.Verdict));
}
