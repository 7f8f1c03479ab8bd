using Vae.Distributions;
using Vae.Models;

namespace Vae.Cli.Commands;
/// <summary>The normalizing-flow posterior options (--flow, --flow-hidden).</summary>
public partial class TrainSettings
{
    [CommandOption("--flow <KIND[[:K]]>")]
    [Description("A normalizing flow on the diagonal Gaussian posterior: planar[[:K]] (Rezende & Mohamed 2015, amortized from the encoder; default K 8) or iaf[[:K]] (inverse autoregressive flow, Kingma et al. 2016; default K 4); none (default). The ELBO then uses the Monte Carlo KL log q(z) − log p(z).")]
    public string Flow { get; init; } = "none";

    [CommandOption("--flow-hidden <H>")]
    [Description("--flow iaf: width of each step's MADE hidden layers (default 320).")]
    public int? FlowHidden { get; init; }

    /// <summary>The flow of --flow (null for none), checked against the model and the objective.</summary>
    PosteriorExtensionOptions? FlowOptions(bool variational, PosteriorKind posterior)
    {
        var parts = Flow.Trim().ToLowerInvariant().Split(':');
        string kind = parts[0];
        if (parts.Length > 2 || kind is not ("none" or "planar" or "iaf"))
            throw new VaeException($"--flow: '{Flow}' is not a flow; use planar[:K], iaf[:K] or none.");
        if (FlowHidden is not null && kind != "iaf") throw new VaeException("--flow-hidden: is an option of --flow iaf.");
        if (kind == "none")
            return parts.Length == 1 ? null : throw new VaeException($"--flow: '{Flow}': none takes no number of steps.");
        int? steps = null;
        if (parts.Length == 2)
            steps = int.TryParse(parts[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int k) && k >= 1
                ? k : throw new VaeException($"--flow {Flow}: the number of steps K must be a whole number ≥ 1.");
        if (!variational) throw new VaeException($"--flow {kind}: an autoencoder has no posterior to transform; a flow needs a VAE (--model mlp, conv, linear or smiles).");
        if (posterior != PosteriorKind.Diagonal) throw new VaeException($"--flow {kind}: a flow transforms the diagonal Gaussian posterior; use --posterior diagonal.");
        if (FreeBits != 0) throw new VaeException($"--free-bits: needs the exact KL per dimension, which a flow posterior (--flow {kind}) does not have.");
        if (ObjectiveName.Trim().ToLowerInvariant() is not ("elbo" or "capacity" or "factor-vae"))
            throw new VaeException($"--objective {ObjectiveName}: reads the posterior's Gaussian form, which a flow posterior (--flow {kind}) does not have; use elbo, capacity or factor-vae.");
        if (FlowHidden is < 1) throw new VaeException($"--flow-hidden {FlowHidden}: must be ≥ 1.");
        if (kind == "planar") return steps is int p ? new PlanarFlowOptions { Steps = p } : new PlanarFlowOptions();
        var iaf = new IafOptions();
        return iaf with { Steps = steps ?? iaf.Steps, Hidden = FlowHidden ?? iaf.Hidden };
    }
}
