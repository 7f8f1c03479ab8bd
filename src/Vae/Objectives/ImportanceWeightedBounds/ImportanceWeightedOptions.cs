using System.Text.Json.Serialization;
using Vae.Models;
using static TorchSharp.torch;

namespace Vae.Objectives;

/// <summary>
/// What the importance-weighted objectives (IWAE, MIWAE, CIWAE, PIWAE) share: K reparameterized samples z_k ~ q(z|x)
/// per example (<see cref="Draws"/> in all), whose log weights log p(x, z_k) − log q(z_k|x) each record combines
/// into its bound (<see cref="Value"/>). The model is the usual VAE; only the training objective changes.
/// </summary>
public abstract record ImportanceWeightedOptions : ObjectiveFamilyOptions
{
    /// <summary>K: importance samples per bound (1 gives the ELBO; Burda et al. use 5 and 50).</summary>
    public int Samples { get; init => field = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(Samples), value, "Samples: must be ≥ 1."); } = 5;

    /// <summary>Samples drawn per example and step: K, or M·K for the objectives with M groups.</summary>
    [JsonIgnore]
    public virtual int Draws => Samples;

    /// <summary>Names of the bounds <see cref="Value"/> reports (nats per example, batch means), e.g. iw_bound.</summary>
    [JsonIgnore]
    public abstract IReadOnlyList<string> TermNames { get; }

    /// <summary>The loss (and, for PIWAE, the encoder's own loss) and the reported bounds, from the log weights [<see cref="Draws"/>, B].</summary>
    public abstract ObjectiveValue Value(Tensor logWeights);

    public override Objective Create(ObjectiveOptions options, ModelOptions model, long datasetSize, long seed) => new ImportanceWeightedObjective(options, this);

    /// <summary>A VAE (not an autoencoder), without a property head, and none of the ELBO's KL weighting.</summary>
    public override void Validate(ObjectiveOptions options, ModelOptions model)
    {
        string name = $"--objective {Name}";
        if (!model.IsVariational)
            throw new VaeException($"{name}: needs a VAE; an autoencoder has no posterior to draw importance samples from (use --model mlp or conv).");
        if (options.Beta != 1) throw new VaeException($"--beta {options.Beta:G}: {name} bounds log p(x) itself; leave --beta at 1.");
        if (options.KlSchedule.Kind != KlScheduleKind.Constant) throw new VaeException($"--kl-schedule: {name} has no KL term to anneal (leave it constant).");
        if (options.FreeBits != 0) throw new VaeException($"--free-bits: {name} has no KL term to floor; free bits do not apply.");
        if (model.PropertyHead is not null) throw new VaeException($"--property: {name} does not train a property head; use --objective elbo.");
    }
}
