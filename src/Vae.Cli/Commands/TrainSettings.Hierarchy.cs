using Vae.Models;
using Vae.Nn;

namespace Vae.Cli.Commands;
/// <summary>A learned prior (--prior vamp[:K]) and a second stochastic layer (--top-latent, --top-hidden).</summary>
public partial class TrainSettings
{
    [CommandOption("--prior <KIND>")]
    [Description("p(z): standard (default: N(0, I)) or vamp[[:K]] (the VampPrior of Tomczak and Welling 2018: a mixture of the encoder's posteriors at K learned pseudo-inputs, default K = 500; with --top-latent, over the top layer). Bernoulli data.")]
    public string Prior { get; init; } = "standard";

    [CommandOption("--top-latent <D>")]
    [Description("A second stochastic layer z2 of D dimensions above z1 (--latent): q(z1|x) q(z2|z1), p(z1|z2) p(z2), as in the IWAE paper's two-layer model (--latent 100 --hidden 200,200 --activation tanh --top-latent 50 --top-hidden 100,100). Default: none.")]
    public int? TopLatent { get; init; }

    [CommandOption("--top-hidden <SIZES>")]
    [Description("With --top-latent: hidden widths of q(z2|z1)'s network, comma-separated; p(z1|z2) mirrors them; their activation is --activation (default 100,100).")]
    public string? TopHidden { get; init; }

    /// <summary>The learned prior --prior names, or null for N(0, I).</summary>
    PriorOptions? LearnedPrior()
    {
        string text = Prior.Trim();
        if (text.Equals("standard", StringComparison.OrdinalIgnoreCase)) return null;
        var parts = text.Split(':', 2);
        if (!parts[0].Equals("vamp", StringComparison.OrdinalIgnoreCase))
            throw new VaeException($"--prior: unknown prior '{Prior}'; valid priors: standard, vamp[:K].");
        if (parts.Length == 1) return new VampPriorOptions();
        if (!int.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out int k) || k < 1)
            throw new VaeException($"--prior {Prior}: K, the number of pseudo-inputs, must be an integer ≥ 1.");
        return new VampPriorOptions { Components = k };
    }

    /// <summary>The second stochastic layer --top-latent asks for (its networks' activation is <paramref name="activation"/>), or null.</summary>
    PosteriorExtensionOptions? TopLayer(ActivationKind activation)
    {
        if (TopLatent is not int d)
            return TopHidden is null ? null : throw new VaeException("--top-hidden: belongs to a second stochastic layer; give --top-latent too.");
        if (d < 1) throw new VaeException($"--top-latent {d}: the top layer's dimension must be ≥ 1.");
        var layer = new HierarchicalOptions { TopLatent = d, Activation = activation };
        return TopHidden is null ? layer : layer with { TopHidden = Names.ParseInts(TopHidden, "--top-hidden") };
    }
}
