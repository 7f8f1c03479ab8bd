using System.Text.Json.Serialization;

namespace Vae.Objectives;

/// <summary>
/// The training objective: −(E_q[log p(x|z)] − w(t)·β·KL(q(z|x) ‖ p(z))), averaged over the batch,
/// with w(t) a KL schedule and optional free bits. Stored in a model folder's config.json.
/// </summary>
public sealed record ObjectiveOptions
{
    /// <summary>Weight β on the KL term (1 gives the ELBO; β-VAE uses β &gt; 1).</summary>
    public double Beta { get; init => field = value >= 0 && double.IsFinite(value) ? value : throw new ArgumentOutOfRangeException(nameof(Beta), value, "Beta: must be a finite number ≥ 0."); } = 1.0;

    /// <summary>The KL weight over training (warm-up, cyclical annealing).</summary>
    public KlSchedule KlSchedule { get; init; } = KlSchedule.Constant;

    /// <summary>
    /// Free bits λ (Kingma et al. 2016), in nats: each group of latent dimensions pays max(λ, its
    /// batch-mean KL), so below λ its KL has no gradient. 0 turns it off.
    /// </summary>
    public double FreeBits { get; init => field = value >= 0 && double.IsFinite(value) ? value : throw new ArgumentOutOfRangeException(nameof(FreeBits), value, "FreeBits: must be ≥ 0."); }

    /// <summary>Latent dimensions per free-bits group (1: every dimension on its own).</summary>
    public int FreeBitsGroup { get; init => field = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(FreeBitsGroup), value, "FreeBitsGroup: must be ≥ 1."); } = 1;

    /// <summary>Weight of the property head's mean squared error (standardized targets) in the loss, when the model has a head.</summary>
    public double PropertyWeight { get; init => field = value >= 0 && double.IsFinite(value) ? value : throw new ArgumentOutOfRangeException(nameof(PropertyWeight), value, "PropertyWeight: must be a finite number ≥ 0."); } = 1.0;

    /// <summary>
    /// A β-VAE-family objective (capacity, β-TCVAE, DIP-VAE, FactorVAE) and its settings; null: the
    /// β-weighted ELBO above. Left out of config.json when null, so folders written before it existed still load.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DisentanglingOptions? Disentangling { get; init; }

    /// <summary>
    /// An objective family beyond the β-weighted ELBO (the importance-weighted bounds, WAE-MMD, InfoVAE, RAE; one
    /// record per family, <see cref="ObjectiveFamilyOptions"/>); null: the ELBO or <see cref="Disentangling"/>.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ObjectiveFamilyOptions? Family { get; init; }

    /// <summary>The objective in use.</summary>
    [JsonIgnore]
    public ObjectiveKind Kind => Disentangling?.Kind ?? ObjectiveKind.Elbo;

    public static ObjectiveOptions Elbo { get; } = new();
}
