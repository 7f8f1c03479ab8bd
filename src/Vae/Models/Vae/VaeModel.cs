using TorchSharp;
using TorchSharp.Modules;
using Vae.Distributions;
using Vae.Nn;
using static TorchSharp.torch;

namespace Vae.Models;

/// <summary>
/// A model composed of encoder → posterior family → prior → decoder → likelihood, with optional heads:
/// <code>
///   x ─(transform)─> encoder trunk ─> h ─> head ─> raw ─(posterior family)─> q(z|x) ─> z ─> decoder ─> parameters ─(likelihood)─> log p(x|z)
///                                      └─(latent library head)─> q(l|x)          └─(property head)─> ŷ
/// </code>
/// The parts come from <see cref="ModelOptions"/>: the networks from <see cref="ModelOptions.Network"/> (or a
/// PixelCNN decoder), the family from <see cref="ModelOptions.Posterior"/> (the autoencoder is the same
/// composition with a point mass), the prior N(0, I). Conditions c reach the decoder (and the encoder) by
/// concatenation; an autoregressive decoder also sees x. <see cref="LogLikelihood"/> and <see cref="LogJoint"/>
/// are the one place where a decoder's output meets the likelihood: every evaluation goes through them.
/// </summary>
public sealed class VaeModel : nn.Module<Tensor, Tensor>
{
    // Registration order fixes the parameter names and the order of initialisation; keep it.
    private readonly nn.Module<Tensor, Tensor> encoder; // x [B, D] (or [x, c]) -> h [B, H]
    private readonly Linear head;                       // h [B, H] -> the posterior family's raw parameters [B, R]
    private readonly Decoder decoder;                   // [z, c, shortcut] [B, d'] (and x) -> [B, P·D]
    private readonly Likelihood likelihood;
    private readonly PropertyHead? propertyHead;        // z [B, d] -> standardized targets [B, P]
    private readonly LatentLibraryHead? libraryHead;    // h [B, H] -> q(l|x)
    private readonly PosteriorExtension? extension;     // q₀(z|x), h -> q(z|x) (a flow, a second stochastic layer, a quantizer)
    private readonly PriorModule? priorModule;          // a learned prior (the VampPrior's pseudo-inputs)
    private readonly PosteriorFamily posterior;

    public VaeModel(ModelOptions options, long seed) : base(nameof(VaeModel))
    {
        options.Validate();
        Options = options;
        likelihood = Likelihood.Create(options.Likelihood, options.Input.Size, options.Sigma, options.SigmaFloor, options.Classes);
        var network = options.Network.Build(options, likelihood.ParamsPerValue);
        encoder = network.Encoder;
        decoder = options.PixelCnn?.Build(options, likelihood.ParamsPerValue) ?? network.Decoder;
        posterior = PosteriorFamily.For(options.Posterior);
        if (options.PropertyHead is { } p) propertyHead = new PropertyHead(options.Latent, p);
        head = nn.Linear(network.Features, posterior.RawSize(options.Latent));
        if (options.LatentLibrary is { } l) libraryHead = new LatentLibraryHead(network.Features, l, options.Conditions);
        extension = options.PosteriorExtension?.Build(options, network.Features);
        priorModule = options.Prior?.Build(options);
        RegisterComponents();
        using var generator = new Generator((ulong)seed);
        ParameterInit.Reset(this, generator);
    }

    public ModelOptions Options { get; }

    public Likelihood Likelihood => likelihood;

    /// <summary>
    /// The prior p(z) at the current weights: N(0, I), or a learned prior's (<see cref="ModelOptions.Prior"/>), with
    /// what a posterior extension puts under it (a hierarchy's p(z₁|z₂)). A learned prior may run the encoder, so
    /// callers take it once per batch.
    /// </summary>
    public Prior Prior
    {
        get
        {
            var top = priorModule?.Resolve(this) ?? Prior.StandardNormal;
            return extension?.ExtendPrior(top) ?? top;
        }
    }

    /// <summary>
    /// Whether p(z) is N(0, I) over all of z (no learned prior, nothing an extension puts under it): where the closed forms
    /// that assume it (KL(q ‖ N(0, I)) per dimension, z ~ N(0, I)) apply.
    /// </summary>
    public bool HasStandardPrior => priorModule is null && ReferenceEquals(extension?.ExtendPrior(Prior.StandardNormal) ?? Prior.StandardNormal, Prior.StandardNormal);

    /// <summary>The posterior extension (a flow, a second stochastic layer, a quantizer), or null.</summary>
    public PosteriorExtension? Extension => extension;

    /// <summary>The learned prior's module, or null for N(0, I).</summary>
    public PriorModule? PriorModule => priorModule;

    /// <summary>The encoder trunk x → h (for exporters that read its layers).</summary>
    public nn.Module<Tensor, Tensor> EncoderTrunk => encoder;

    /// <summary>The decoder network (for analyses that read its weights).</summary>
    public Decoder Decoder => decoder;

    /// <summary>The size of z: the head's latent dimension, plus what a posterior extension adds (a second stochastic layer).</summary>
    public int Latent => extension?.LatentSize(Options.Latent) ?? Options.Latent;

    public bool IsVariational => !posterior.IsPointMass;

    /// <summary>The parameters of the encoder side (trunk, posterior head, latent-library head, posterior extension): what the gradient estimators differentiate.</summary>
    public IEnumerable<Parameter> EncoderParameters() =>
        encoder.parameters().Concat(head.parameters()).Concat(libraryHead?.parameters() ?? []).Concat(extension?.parameters() ?? []);

    /// <summary>The encoder's output layer, which gives the posterior's raw parameters (pruning selects its rows).</summary>
    public Linear PosteriorHead => head;

    // x: [B, D] (c: [B, C]) -> q(z|x) with μ, log σ²: [B, d]
    public Posterior Encode(Batch batch) => EncodeWithLibrary(batch).Z;

    /// <summary>The encoder head's raw output for a batch: the parameters of q(z|x) before they are shaped into a distribution.</summary>
    public Tensor EncodeRaw(Batch batch) => BlasLinear.Forward(head, EncoderFeatures(batch));

    /// <summary>
    /// The per-example variational parameters [B, R + P]: the head's raw output and, with a posterior extension, its own
    /// (<see cref="PosteriorExtension.LocalParameters"/>); without an extension <see cref="EncodeRaw"/>.
    /// </summary>
    public Tensor EncodeLocal(Batch batch)
    {
        var h = EncoderFeatures(batch);
        var raw = BlasLinear.Forward(head, h);
        return extension is null ? raw : cat([raw, extension.LocalParameters(h)], dim: -1);
    }

    /// <summary>q(z|x) from per-example parameters as <see cref="EncodeLocal"/> gives them (or optimised per example).</summary>
    public Posterior PosteriorOfLocal(Tensor local)
    {
        if (extension is null) return PosteriorOf(local);
        int r = posterior.RawSize(Options.Latent);
        return extension.ExtendLocal(PosteriorOf(local.narrow(-1, 0, r)), local.narrow(-1, r, local.shape[^1] - r));
    }

    // x: [B, D] (c: [B, C]) -> the encoder trunk's output h [B, H], shared by the heads of q(z|x) and q(l|x)
    private Tensor EncoderFeatures(Batch batch)
    {
        var x = Options.InputTransform == InputTransform.Log1p ? batch.X.log1p() : batch.X;
        if (Options.ConditionEncoder) x = cat([x, RequireCondition(batch.Condition)], dim: -1);
        return encoder.call(x);
    }

    /// <summary>Whether the model has a latent library size l = log ℓ (<see cref="ModelOptions.LatentLibrary"/>).</summary>
    public bool HasLatentLibrary => libraryHead is not null;

    /// <summary>q(z|x) and, with a latent library, q(l|x) over l = log ℓ ([B, 1]; null otherwise), from one pass of the encoder trunk.</summary>
    public (Posterior Z, DiagonalGaussian? Library) EncodeWithLibrary(Batch batch)
    {
        var h = EncoderFeatures(batch);
        var q = PosteriorOf(BlasLinear.Forward(head, h));
        if (extension is not null) q = extension.Extend(q, h);
        return (q, libraryHead?.Posterior(h, batch.X, batch.Condition));
    }

    /// <summary>
    /// The prior p(l) of each example's log library size, N(m_b, s_b²) of its batch b (its one-hot condition;
    /// the single global prior without conditions): mean and log-variance [B, 1].
    /// </summary>
    public DiagonalGaussian LibraryPrior(Batch batch) => RequireLibrary().Prior(batch.X, batch.Condition);

    /// <summary>E_q[ℓ] = exp(μ_l + σ_l²/2), the posterior mean library size of each example: [B].</summary>
    public Tensor LibraryMean(Batch batch)
    {
        RequireLibrary();
        var q = EncodeWithLibrary(batch).Library!;
        return (q.Mean + 0.5 * q.LogVariance!.exp()).exp().squeeze(-1);
    }

    private LatentLibraryHead RequireLibrary() =>
        libraryHead ?? throw new VaeException("this model uses the observed library size; it has no latent one (train it with --latent-library).");

    /// <summary>
    /// log p(x|z): the one place a decoder's output meets the likelihood. z is [B, d] (decoded with the batch's
    /// conditions, drawing any decoder noise from <paramref name="generator"/>) or K samples [K, B, d] (→ [K, B]).
    /// With a latent library size, ℓ = exp(<paramref name="logLibrary"/>) ([B, 1] or [K, B, 1]); without it the
    /// library's posterior mean μ_l is used. Without a latent library, the observed total.
    /// </summary>
    public Tensor LogLikelihood(Batch batch, Tensor z, Tensor? logLibrary = null, Generator? generator = null)
    {
        bool samples = z.dim() == 3;
        var decoded = samples ? DecodeSamples(z, batch) : Decode(z, batch, generator);
        var x = samples ? batch.X.unsqueeze(0) : batch.X;
        if (libraryHead is null) return likelihood.LogProb(x, decoded);
        logLibrary ??= EncodeWithLibrary(batch).Library!.Mean;
        return ((CountLikelihood)likelihood).LogProb(x, decoded, logLibrary);
    }

    /// <summary>log p(x, z) = log p(x|z) + log p(z) (see <see cref="LogLikelihood"/> for the shapes).</summary>
    public Tensor LogJoint(Batch batch, Tensor z, Tensor? logLibrary = null) => LogLikelihood(batch, z, logLibrary) + Prior.LogProb(z);

    /// <summary>
    /// The head's posterior q₀ with raw parameters h (as <see cref="EncodeRaw"/> gives them, or optimised per example);
    /// without a posterior extension it is q(z|x).
    /// </summary>
    public Posterior PosteriorOf(Tensor h) => posterior.FromRaw(h, Options.Latent);

    // z: [B, d] with the batch's conditions (and x for shortcuts or an autoregressive decoder) -> [B, P·D]
    public Tensor Decode(Tensor z, Batch? batch = null, Generator? generator = null) =>
        decoder.Forward(DecoderInput(z, batch?.Condition, batch?.X), batch?.X, generator);

    /// <summary>Decodes K samples per example: z [K, B, d] → [K, B, P·D], repeating the batch's inputs as the decoder needs.</summary>
    public Tensor DecodeSamples(Tensor z, Batch batch)
    {
        long k = z.shape[0], b = z.shape[1];
        bool needsX = decoder.IsAutoregressive || Options.Shortcut != Shortcut.None;
        var x = needsX ? batch.X.repeat(k, 1) : null;
        var input = DecoderInput(z.reshape(k * b, z.shape[2]), batch.Condition?.repeat(k, 1), x);
        return decoder.Forward(input, x).view(k, b, -1);
    }

    /// <summary>Data for latent codes z [B, d]: the likelihood's mean, or a draw; autoregressive decoders generate value by value.</summary>
    public Tensor Generate(Tensor z, Tensor? condition = null, bool sample = false, Generator? generator = null)
    {
        if (Options.Shortcut != Shortcut.None) throw new VaeException("a model with a shortcut needs x to decode; it cannot generate from z alone.");
        return decoder.Generate(DecoderInput(z, condition, null), new LikelihoodSampler(likelihood), sample, generator);
    }

    /// <summary>
    /// Token sequences for latent codes z [B, d] as <paramref name="decoding"/> says (beam search, a grammar over the
    /// tokens): ids [B, T]. One beam is greedy decoding (or drawing, with <paramref name="sample"/>).
    /// </summary>
    public Tensor GenerateSequences(Tensor z, SequenceDecoding decoding, bool sample = false, Generator? generator = null)
    {
        var sequences = SequenceDecoderOrThrow();
        var input = DecoderInput(z, null, null);
        if (decoding.Beams == 1) return sequences.Generate(input, new LikelihoodSampler(likelihood), sample, generator, decoding.Grammar);
        if (sample) throw new VaeException($"--beam {decoding.Beams} with --draw: a beam search keeps the most probable sequences; it does not draw.");
        var beams = sequences.BeamSearch(input, decoding);
        return tensor(beams.Best(), [beams.Count, beams.Length]).to(z.device);
    }

    /// <summary>All beams of a beam search for latent codes z [B, d], best first.</summary>
    public BeamSearchResult BeamSearch(Tensor z, SequenceDecoding decoding) => SequenceDecoderOrThrow().BeamSearch(DecoderInput(z, null, null), decoding);

    private ISequenceDecoder SequenceDecoderOrThrow() => decoder as ISequenceDecoder
        ?? throw new VaeException($"--beam and --grammar-mask need a model that decodes token sequences (a GRU decoder, --model smiles); this model's decoder is a {decoder.GetType().Name}.");

    // x: [B, D] -> log p(x|z) [B] at z ~ q(z|x), KL per dimension [B, d]
    // With a latent library also l ~ q(l|x) (drawn after z) in log p(x|z, ℓ = e^l), and KL(q(l|x) ‖ p(l)) [B] as LibraryKl.
    public ElboTerms Terms(Batch batch, Generator? generator = null)
    {
        var (q, library) = EncodeWithLibrary(batch);
        var prior = Prior;
        Tensor z, logQ = null!;
        if (prior.NeedsLogQ(q)) (z, logQ) = q.SampleWithLogProb(generator);
        else z = q.Sample(generator);
        var decoded = Decode(z, batch, generator);
        var logLikelihood = library is null ? likelihood.LogProb(batch.X, decoded)
            : ((CountLikelihood)likelihood).LogProb(batch.X, decoded, library.Sample(generator));
        var propertyError = propertyHead is not null && batch.Targets is { } y ? propertyHead.Error(z, y) : null;
        var penalty = extension?.Penalty(q);
        if (q.IsPointMass) return new ElboTerms(logLikelihood, zeros_like(logLikelihood), zeros_like(q.Mean), q, z, propertyError) { Penalty = penalty };
        var (kl, klPerDim) = prior.KlTerms(q, z, logQ);
        return new ElboTerms(logLikelihood, kl, klPerDim, q, z, propertyError) { LibraryKl = library?.KlTo(LibraryPrior(batch)), Penalty = penalty };
    }

    public bool HasPropertyHead => propertyHead is not null;

    /// <summary>The property head's parameters (its input is z alone; pruning selects its columns): empty without a head.</summary>
    public IEnumerable<Parameter> PropertyHeadParameters() => propertyHead?.parameters() ?? [];

    /// <summary>The property head's prediction at z [B, d], in the targets' own units: [B, P].</summary>
    public Tensor PredictProperties(Tensor z) => RequirePropertyHead().Predict(z);

    /// <summary>The property head's prediction at z in standardized units (y − mean) / scale: [B, P].</summary>
    public Tensor PredictStandardized(Tensor z) => RequirePropertyHead().call(z);

    private PropertyHead RequirePropertyHead() =>
        propertyHead ?? throw new VaeException("this model has no property head (train it with --property).");

    /// <summary>
    /// Reconstruction E[x | z = μ(x)] (generated value by value for an autoregressive decoder): [B, D]. Count
    /// likelihoods report it at the reference library size (<see cref="CountLikelihood.ReferenceLibrarySize"/>),
    /// with or without a latent library; <see cref="LibraryMean"/> gives E_q[ℓ] to rescale it.
    /// </summary>
    public Tensor Reconstruct(Batch batch)
    {
        var mu = Encode(batch).Mean;
        if (decoder.IsAutoregressive) return Generate(mu, batch.Condition);
        return likelihood.Mean(Decode(mu, batch));
    }

    // x: [B, D] -> reconstruction [B, D]
    public override Tensor forward(Tensor x) => Reconstruct(x);

    // [z, c, shortcut(x)]: [B, d'] (the decoder reads the head's d dimensions of z; a second stochastic layer's z₂ is the prior's)
    private Tensor DecoderInput(Tensor z, Tensor? condition, Tensor? x)
    {
        if (z.shape[^1] != Options.Latent) z = z.narrow(-1, 0, Options.Latent);
        if (Options.Conditions == 0 && Options.Shortcut == Shortcut.None) return z;
        var parts = new List<Tensor> { z };
        if (Options.Conditions > 0) parts.Add(RequireCondition(condition));
        if (Options.Shortcut == Shortcut.FirstHalf)
            parts.Add((x ?? throw new VaeException("a model with a shortcut needs x to decode.")).narrow(-1, 0, Options.ShortcutSize));
        return cat(parts, dim: -1);
    }

    private Tensor RequireCondition(Tensor? condition) =>
        condition ?? throw new VaeException($"this model is conditioned on {Options.Conditions} covariates; the data has none.");
}
