using Vae.Models;

namespace Vae.Objectives;

/// <summary>What the WAE, InfoVAE and RAE objectives ask of the rest of the run, checked before training starts.</summary>
internal static class RegularizedChecks
{
    /// <summary>
    /// β, a KL schedule and free bits shape the ELBO's KL term, which these objectives replace or weight themselves
    /// (<paramref name="replaces"/> says how): a value other than the default is an error rather than silently ignored.
    /// </summary>
    public static void NoKlSettings(ObjectiveOptions options, string name, string replaces)
    {
        if (options.Beta != 1) throw new VaeException($"--beta {options.Beta:G}: --objective {name} {replaces}; leave --beta at 1.");
        if (options.KlSchedule.Kind != KlScheduleKind.Constant) throw new VaeException($"--kl-schedule: --objective {name} {replaces}; a KL schedule does not apply (leave it constant).");
        if (options.FreeBits != 0) throw new VaeException($"--free-bits: --objective {name} {replaces}; free bits do not apply.");
    }

    /// <summary>An objective whose encoder must be deterministic (the RAE).</summary>
    public static void RequirePointMass(ModelOptions model, string name)
    {
        if (model.IsVariational)
            throw new VaeException($"--objective {name}: the encoder of a regularized autoencoder is deterministic; use --model ae or conv-ae (the default with this objective), not a VAE.");
    }

    /// <summary>An objective whose loss has KL(q(z|x) ‖ p(z)) (InfoVAE).</summary>
    public static void RequireVariational(ModelOptions model, string name)
    {
        if (!model.IsVariational)
            throw new VaeException($"--objective {name}: needs a VAE (its loss weights KL(q(z|x) ‖ p(z))); an autoencoder has no posterior (use --model mlp or conv).");
    }
}
