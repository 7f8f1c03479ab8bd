namespace Vae.Workflows.Reports;

/// <summary>
/// How much a report computes: the importance samples and examples of the test evaluation, the examples of
/// the diagnosis and of the latent-space plot, and what the domain sections use. Every section that computes
/// states its budget on the page. <see cref="Default"/> is what `vae report` uses, <see cref="Quick"/> is `--quick`.
/// </summary>
public sealed record ReportBudget
{
    /// <summary>Its name on the page ("default" or "quick").</summary>
    public string Name { get; init; } = "default";

    /// <summary>The first N test examples get the ELBO and the importance-sampled NLL.</summary>
    public int EvalExamples { get; init => field = Positive(value, nameof(EvalExamples)); } = 1000;

    /// <summary>Importance samples per example for log p(x).</summary>
    public int K { get; init => field = Positive(value, nameof(K)); } = 1000;

    /// <summary>The first N test examples of the diagnosis (KL per dimension, active units, I(x;z)).</summary>
    public int DiagnoseExamples { get; init => field = Positive(value, nameof(DiagnoseExamples)); } = 5000;

    /// <summary>Test examples in the latent-space plot.</summary>
    public int LatentExamples { get; init => field = Positive(value, nameof(LatentExamples)); } = 5000;

    /// <summary>Molecules sampled and reconstructed by a SMILES model's section.</summary>
    public int Molecules { get; init => field = Positive(value, nameof(Molecules)); } = 1000;

    /// <summary>Importance samples per held-out cell of a count model's section.</summary>
    public int CellK { get; init => field = Positive(value, nameof(CellK)); } = 100;

    /// <summary>Domain sections use their own smaller settings (fewer k-means restarts, fewer cells for the silhouette).</summary>
    public bool Fast { get; init; }

    public static ReportBudget Default { get; } = new();

    public static ReportBudget Quick { get; } = new()
    {
        Name = "quick", EvalExamples = 200, K = 100, DiagnoseExamples = 1000, LatentExamples = 1000, Molecules = 100, CellK = 20, Fast = true,
    };

    static int Positive(int value, string name) => value >= 1 ? value : throw new ArgumentOutOfRangeException(name, value, $"{name}: must be ≥ 1.");
}
