using TorchSharp;
using TorchSharp.Modules;
using Vae.Distributions;
using Vae.Nn;
using static TorchSharp.torch;

namespace Vae.Models;

/// <summary>
/// Encoder → diagonal Gaussian q(z|x) → z = μ + σ ⊙ ε → decoder → likelihood p(x|z), with prior
/// N(0, I). The <see cref="ModelKind.Autoencoder"/> kind uses the same networks with z = μ(x).
/// </summary>
public sealed class VaeModel : nn.Module<Tensor, Tensor>
{
    private readonly nn.Module<Tensor, Tensor> encoder; // x [B, D] -> h [B, H]
    private readonly Linear head;                       // h [B, H] -> [B, 2d] (μ, log σ²), or [B, d] for an autoencoder
    private readonly nn.Module<Tensor, Tensor> decoder; // z [B, d] -> [B, D·P]
    private readonly Likelihood likelihood;

    public VaeModel(ModelOptions options, long seed) : base(nameof(VaeModel))
    {
        options.Validate();
        Options = options;
        var act = options.Activation;
        var likelihoodModule = Distributions.Likelihood.Create(options.Likelihood, options.Input.Size, options.Sigma, options.SigmaFloor);
        int outputs = options.Input.Size * likelihoodModule.ParamsPerValue;
        int[] reversed = options.Hidden.Reverse().ToArray();
        int features;
        if (options.Architecture == Architecture.Conv)
        {
            var stack = ConvStack.For(options.Input, options.Channels);
            var conv = new ConvEncoder(stack, options.Hidden, act);
            features = conv.OutputSize;
            encoder = conv;
            decoder = new ConvDecoder(options.Latent, stack, reversed, act, likelihoodModule.ParamsPerValue);
        }
        else if (options.Architecture == Architecture.Linear)
        {
            features = options.Input.Size;
            encoder = nn.Identity();
            decoder = nn.Linear(options.Latent, outputs);
        }
        else
        {
            var mlp = new Mlp(options.Input.Size, options.Hidden, act);
            features = mlp.OutputSize;
            encoder = mlp;
            decoder = new Mlp(options.Latent, [.. reversed, outputs], act, activateLast: false);
        }
        head = nn.Linear(features, IsVariational ? 2 * options.Latent : options.Latent);
        likelihood = likelihoodModule;
        RegisterComponents();
        using var generator = new Generator((ulong)seed);
        ParameterInit.Reset(this, generator);
    }

    public ModelOptions Options { get; }

    public Likelihood Likelihood => likelihood;

    /// <summary>The decoder network z → decoder output (for analyses that read its weights).</summary>
    public nn.Module<Tensor, Tensor> Decoder => decoder;

    public int Latent => Options.Latent;

    public bool IsVariational => Options.Kind == ModelKind.Vae;

    // x: [B, D] -> q(z|x) with μ, log σ²: [B, d]
    public DiagonalGaussian Encode(Tensor x)
    {
        var h = head.call(encoder.call(x));
        if (!IsVariational) return DiagonalGaussian.PointMass(h);
        var parts = h.chunk(2, dim: -1);
        return new DiagonalGaussian(parts[0], parts[1]);
    }

    // z: [B, d] -> decoder output (logits or means): [B, D·P]
    public Tensor Decode(Tensor z) => decoder.call(z);

    // x: [B, D] -> log p(x|z) [B] at z ~ q(z|x), KL per dimension [B, d]
    public ElboTerms Terms(Tensor x, Generator? generator = null)
    {
        var q = Encode(x);
        var logLikelihood = likelihood.LogProb(x, Decode(q.Sample(generator)));
        var kl = q.IsPointMass ? zeros_like(q.Mean) : q.KlToStandardNormalPerDim();
        return new ElboTerms(logLikelihood, kl);
    }

    // x: [B, D] -> reconstruction E[x | z = μ(x)]: [B, D]
    public override Tensor forward(Tensor x) => likelihood.Mean(Decode(Encode(x).Mean));
}
