using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Vae.Nn;

/// <summary>How the latent code enters a decoder.</summary>
public enum ZInjection
{
    /// <summary>Only as the decoder's input (the standard VAE).</summary>
    Input,
    /// <summary>Concatenated to the input of every layer (skip-VAE, Dieng et al. 2019): z cannot be ignored by deep layers.</summary>
    EveryLayer,
    /// <summary>FiLM (Perez et al. 2018): z sets a per-feature scale and shift of every hidden layer.</summary>
    Film,
}

/// <summary>
/// An MLP decoder in which z reaches every layer, by concatenation (skip-VAE) or by FiLM:
/// h_{l+1} = act(W_l [h_l, z]) or h_{l+1} = act((1 + γ_l(z)) ⊙ W_l h_l + β_l(z)).
/// </summary>
public sealed class InjectedMlpDecoder : Decoder
{
    private readonly ModuleList<Linear> layers;
    private readonly ModuleList<Linear> film;   // one z -> [γ, β] map per hidden layer (Film only)
    private readonly nn.Module<Tensor, Tensor> activation;
    private readonly ZInjection injection;

    public InjectedMlpDecoder(int latent, IReadOnlyList<int> hidden, int outputs, ActivationKind activation, ZInjection injection) : base(nameof(InjectedMlpDecoder))
    {
        if (injection == ZInjection.Input) throw new ArgumentException("use a plain MLP for input injection", nameof(injection));
        this.injection = injection;
        int[] sizes = [.. hidden, outputs];
        layers = new ModuleList<Linear>();
        film = new ModuleList<Linear>();
        int width = latent;
        for (int i = 0; i < sizes.Length; i++)
        {
            int input = i == 0 || injection == ZInjection.Film ? width : width + latent;
            layers.Add(nn.Linear(input, sizes[i]));
            if (injection == ZInjection.Film && i < sizes.Length - 1) film.Add(nn.Linear(latent, 2 * sizes[i]));
            width = sizes[i];
        }
        this.activation = Activations.Create(activation);
        RegisterComponents();
    }

    // z: [B, d'] -> [B, D·P]
    public override Tensor Forward(Tensor z, Tensor? x)
    {
        var h = z;
        for (int i = 0; i < layers.Count; i++)
        {
            var input = i == 0 || injection == ZInjection.Film ? h : cat([h, z], dim: -1);
            h = layers[i].call(input);
            if (i == layers.Count - 1) break;
            if (injection == ZInjection.Film)
            {
                var gb = film[i].call(z).chunk(2, dim: -1);
                h = (1 + gb[0]) * h + gb[1];
            }
            h = activation.call(h);
        }
        return h;
    }
}
