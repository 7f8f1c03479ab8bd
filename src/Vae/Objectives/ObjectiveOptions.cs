namespace Vae.Objectives;

/// <summary>The training objective: −(E_q[log p(x|z)] − β·KL(q(z|x) ‖ p(z))), averaged over the batch.</summary>
public sealed record ObjectiveOptions
{
    /// <summary>Weight β on the KL term (1 gives the ELBO; β-VAE uses β &gt; 1).</summary>
    public double Beta { get; init => field = value >= 0 && double.IsFinite(value) ? value : throw new ArgumentOutOfRangeException(nameof(Beta), value, "Beta: must be a finite number ≥ 0."); } = 1.0;

    public static ObjectiveOptions Elbo { get; } = new();
}
