using Vae.Applications.Chemistry;

namespace Vae.Cli.Results;

/// <summary>The `vae mol predict --json` object.</summary>
public sealed record MolPredictResult(string Property, int N, double Mae, double Rmse, double R2, double BaselineMae)
{
    public static MolPredictResult From(PropertyPrediction r) => new(r.Property, r.Count, r.Mae, r.Rmse, r.R2, r.BaselineMae);
}
