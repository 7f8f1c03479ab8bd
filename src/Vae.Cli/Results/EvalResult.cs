using System.Text.Json.Serialization;

namespace Vae.Cli.Results;

/// <summary>The `vae eval --json` object; kl_library only for a model with a latent library size.</summary>
public sealed record EvalResult(
    double Elbo, double Reconstruction, double Kl,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? KlLibrary,
    double? Nll, int K, int N)
{
    public static EvalResult From(EvaluationReport r) => new(r.Elbo, r.Reconstruction, r.Kl, r.KlLibrary, r.Nll, r.K, r.N);
}
