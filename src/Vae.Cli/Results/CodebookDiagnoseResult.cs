
namespace Vae.Cli.Results;

/// <summary>
/// The `vae diagnose --json` object of a VQ-VAE: the keys of <see cref="DiagnoseResult"/> as they read for a codebook
/// (KL to the uniform code prior, log K per position; active units by code entropy per position and by Var_x z_j;
/// I(x; z) = H(z)), then the codebook's usage.
/// </summary>
public sealed record CodebookDiagnoseResult(double[] KlPerDim, double KlTotal, int ActiveUnitsKl, int ActiveUnitsCov, double MutualInformation, string Verdict,
    int Codes, int UsedCodes, double Perplexity, double[] PositionEntropy, int DistinctGrids)
{
    public static CodebookDiagnoseResult From(CodebookReport r, double threshold) =>
        new(Enumerable.Repeat(Math.Log(r.Codes), r.Positions).ToArray(), r.KlToUniform, r.ActivePositions(threshold), r.ActiveByVariance, r.MutualInformation,
            Names.Of(r.Verdict(threshold)), r.Codes, r.UsedCodes, r.Perplexity, r.PositionEntropy, r.DistinctGrids);
}
