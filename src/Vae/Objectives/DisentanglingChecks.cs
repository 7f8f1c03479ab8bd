using Vae.Distributions;
using Vae.Models;

namespace Vae.Objectives;

/// <summary>What a β-VAE-family objective asks of the rest of the run, checked before training starts.</summary>
internal static class DisentanglingChecks
{
    public static void Require(ObjectiveOptions options, ModelOptions model)
    {
        var kind = options.Kind;
        string name = Name(kind);
        if (!model.IsVariational)
            throw new VaeException($"--objective {name}: needs a VAE; an autoencoder has no posterior (use --model mlp or conv).");
        if (kind is ObjectiveKind.Capacity or ObjectiveKind.BetaTcvae)
        {
            string replaces = kind == ObjectiveKind.Capacity ? "replaces β·KL by γ·|KL − C| (set γ with --capacity-gamma)" : "weights the total correlation by --tc-weight and the rest of the KL by 1";
            if (options.Beta != 1) throw new VaeException($"--beta {options.Beta:G}: --objective {name} {replaces}; leave --beta at 1.");
            if (options.KlSchedule.Kind != KlScheduleKind.Constant) throw new VaeException($"--kl-schedule: --objective {name} {replaces}; a KL schedule does not apply (leave it constant).");
            if (options.FreeBits != 0) throw new VaeException($"--free-bits: --objective {name} {replaces}; free bits do not apply.");
        }
        if (kind == ObjectiveKind.BetaTcvae && model.Posterior != PosteriorKind.Diagonal)
            throw new VaeException($"--objective {name}: the minibatch estimate of log q(z) is written for a diagonal posterior; use --posterior diagonal.");
    }

    /// <summary>The kebab-case name of an objective, as config.json and the command line spell it.</summary>
    public static string Name(ObjectiveKind kind) => System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(kind.ToString());
}
