using System.Text.Json.Serialization;

namespace Vae.Cli.Results;

/// <summary>
/// The `vae diagnose --json` object. For a deterministic encoder (a point mass) the KL keys and the mutual information
/// are null, and code_variance (Var_x z_j per dimension) and prior_mmd (MMD² of the codes to N(0, I)) follow.
/// </summary>
public sealed record DiagnoseResult(double[]? KlPerDim, double? KlTotal, int? ActiveUnitsKl, int ActiveUnitsCov, double? MutualInformation, string Verdict)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double[]? CodeVariance { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? PriorMmd { get; init; }

    public static DiagnoseResult From(LatentReport r) =>
        new(r.KlPerDim, r.KlTotal, r.ActiveByKl.Length, r.ActiveByVariance.Length, r.MutualInformation, Names.Of(r.Verdict));

    public static DiagnoseResult From(CodeReport r) =>
        new(null, null, null, r.ActiveByVariance.Length, null, Names.Of(r.Verdict)) { CodeVariance = r.VariancePerDim, PriorMmd = r.PriorMmd };
}
