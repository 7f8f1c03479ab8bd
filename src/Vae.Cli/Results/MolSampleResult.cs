using Vae.Applications.Chemistry;

namespace Vae.Cli.Results;

/// <summary>The `vae mol sample --json` object.</summary>
public sealed record MolSampleResult(
    double Validity, double Uniqueness, double Novelty, int Generated, int Valid, int Unique, int Novel, string Decoding, string Samples)
{
    public static MolSampleResult From(GenerationMetrics m, bool draw, string samples) =>
        new(m.Validity, m.Uniqueness, m.Novelty, m.Generated, m.Valid, m.Unique, m.Novel, draw ? "draw" : "greedy", samples);
}
