using TorchSharp;
using TorchSharp.Modules;
using Vae.Distributions;
using Vae.Nn;
using static TorchSharp.torch;

namespace Vae.Models;

/// <summary>
/// Encoder → diagonal Gaussian q(z|x) → z = μ + σ ⊙ ε → decoder → likelihood p(x|z), with prior
/// N(0, I). Optional per-example conditions c reach the decoder (and the encoder) by concatenation;
/// an autoregressive decoder also sees x. The <see cref="ModelKind.Autoencoder"/> kind uses the
/// same networks with z = μ(x). An optional property head (an MLP on z) learns the data's regression
/// targets jointly with the VAE (Gómez-Bombarelli et al. 2018). With a count likelihood, an optional
/// latent library size (scVI, Lopez et al. 2018; <see cref="ModelOptions.LatentLibrary"/>) adds a second
/// encoder head on the same trunk for q(l|x) = N(μ_l, σ_l²) over l = log ℓ, with the prior p(l) of the
/// example's batch; ℓ = exp(l) replaces the observed total in p(x|z, ℓ).
/// </summary>
public sealed class VaeModel : nn.Module<Tensor, Tensor>
{
    private readonly nn.Module<Tensor, Tensor> encoder; // x [B, D] (or [x, c]) -> h [B, H]
    private readonly Linear head;                       // h [B, H] -> [B, 2d] (μ, log σ²), or [B, d] for an autoencoder
    private readonly Decoder decoder;                   // [z, c, shortcut] [B, d'] (and x) -> [B, P·D]
    private readonly Likelihood likelihood;
    private readonly Mlp? propertyHead;                 // z [B, d] -> standardized targets [B, P]; null without a head
    private readonly Linear? libraryHead;               // h [B, H] -> [B, 2] offsets of (μ_l, log σ_l²) from the prior; null with the observed library

    public VaeModel(ModelOptions options, long seed) : base(nameof(VaeModel))
    {
        options.Validate();
        Options = options;
        likelihood = Distributions.Likelihood.Create(options.Likelihood, options.Input.Size, options.Sigma, options.SigmaFloor, options.Classes);
        (encoder, int features, decoder) = Networks.Build(options, likelihood.ParamsPerValue);
        if (options.PropertyHead is { } widths) propertyHead = new Mlp(options.Latent, [.. widths, options.Properties], options.Activation, activateLast: false);
        head = nn.Linear(features, !IsVariational ? options.Latent
            : options.Posterior == PosteriorKind.FullCovariance ? FullCovarianceGaussian.RawSize(options.Latent) : 2 * options.Latent);
        if (options.LatentLibrary) libraryHead = nn.Linear(features, 2);
        RegisterComponents();
        using var generator = new Generator((ulong)seed);
        ParameterInit.Reset(this, generator);
    }

    public ModelOptions Options { get; }

    /// <summary>
    /// Bounds on log σ² of the posterior: σ between e^−15 ≈ 3·10⁻⁷ and e^10 ≈ 2·10⁴. Far outside anything
    /// a trained model uses (so results are unchanged), but they keep exp(log σ²) and 1/σ² finite in
    /// float32 when a run goes astray; outside them the gradient is zero rather than NaN.
    /// </summary>
    public const double MinLogVariance = DiagonalGaussian.MinLogVariance, MaxLogVariance = DiagonalGaussian.MaxLogVariance;

    public Likelihood Likelihood => likelihood;

    /// <summary>The decoder network (for analyses that read its weights).</summary>
    public Decoder Decoder => decoder;

    public int Latent => Options.Latent;

    public bool IsVariational => Options.Kind == ModelKind.Vae;

    // x: [B, D] (c: [B, C]) -> q(z|x) with μ, log σ²: [B, d]
    public Posterior Encode(Batch batch) => PosteriorOf(EncodeRaw(batch));

    /// <summary>The encoder head's raw output for a batch: the parameters of q(z|x) before they are shaped into a distribution.</summary>
    public Tensor EncodeRaw(Batch batch) => Nn.BlasLinear.Forward(head, EncoderFeatures(batch));

    // x: [B, D] (c: [B, C]) -> the encoder trunk's output h [B, H], shared by the heads of q(z|x) and q(l|x)
    private Tensor EncoderFeatures(Batch batch)
    {
        var x = Options.InputTransform == InputTransform.Log1p ? batch.X.log1p() : batch.X;
        if (Options.ConditionEncoder) x = cat([x, RequireCondition(batch)], dim: -1);
        return encoder.call(x);
    }

    /// <summary>Whether the model has a latent library size l = log ℓ (<see cref="ModelOptions.LatentLibrary"/>).</summary>
    public bool HasLatentLibrary => libraryHead is not null;

    /// <summary>q(z|x) and, with a latent library, q(l|x) over l = log ℓ ([B, 1]; null otherwise), from one pass of the encoder trunk.</summary>
    public (Posterior Z, DiagonalGaussian? Library) EncodeWithLibrary(Batch batch)
    {
        var h = EncoderFeatures(batch);
        return (PosteriorOf(Nn.BlasLinear.Forward(head, h)), libraryHead is null ? null : LibraryPosterior(h, batch));
    }

    /// <summary>
    /// The prior p(l) of each example's log library size, N(m_b, s_b²) of its batch b (its one-hot condition;
    /// the single global prior without conditions): mean and log-variance [B, 1].
    /// </summary>
    public DiagonalGaussian LibraryPrior(Batch batch)
    {
        if (libraryHead is null) throw new VaeException("this model uses the observed library size; it has no latent one (train it with --latent-library).");
        var device = batch.X.device;
        var mean = tensor(Options.LibraryLogMean!, device: device).to(batch.X.dtype);           // [G]
        var variance = tensor(Options.LibraryLogVariance!, device: device).to(batch.X.dtype);   // [G]
        if (Options.Conditions == 0)
            return new DiagonalGaussian(mean.expand(new long[] { batch.Size, 1 }), variance.log().expand(new long[] { batch.Size, 1 }));
        var c = RequireCondition(batch);                                                        // [B, G] one-hot
        return new DiagonalGaussian(c.matmul(mean).unsqueeze(-1), c.matmul(variance).log().unsqueeze(-1));
    }

    /// <summary>E_q[ℓ] = exp(μ_l + σ_l²/2), the posterior mean library size of each example: [B].</summary>
    public Tensor LibraryMean(Batch batch)
    {
        var (_, library) = EncodeWithLibrary(batch);
        var q = library ?? throw new VaeException("this model uses the observed library size; it has no latent one (train it with --latent-library).");
        return (q.Mean + 0.5 * q.LogVariance!.exp()).exp().squeeze(-1);
    }

    // q(l|x): the head gives offsets from the example's prior, so q starts close to p(l) (the same family as a head without offsets)
    private DiagonalGaussian LibraryPosterior(Tensor h, Batch batch)
    {
        var prior = LibraryPrior(batch);
        var raw = libraryHead!.call(h).chunk(2, dim: -1);                                       // [B, 1] each
        return new DiagonalGaussian(prior.Mean + raw[0], (prior.LogVariance! + raw[1]).clamp(MinLogVariance, MaxLogVariance));
    }

    /// <summary>log p(x|z, ℓ) with ℓ = exp(<paramref name="logLibrary"/>) [..., 1] when given (a latent library), else at the observed total: [...].</summary>
    public Tensor LogLikelihood(Tensor x, Tensor decoded, Tensor? logLibrary) =>
        logLibrary is null ? likelihood.LogProb(x, decoded) : ((CountLikelihood)likelihood).LogProb(x, decoded, logLibrary);

    /// <summary>The posterior with raw parameters h (as <see cref="EncodeRaw"/> gives them, or optimised per example).</summary>
    public Posterior PosteriorOf(Tensor h)
    {
        if (!IsVariational) return DiagonalGaussian.PointMass(h);
        if (Options.Posterior == PosteriorKind.FullCovariance) return FullCovarianceGaussian.FromRaw(h, Latent);
        var parts = h.chunk(2, dim: -1);
        return new DiagonalGaussian(parts[0], parts[1].clamp(MinLogVariance, MaxLogVariance));
    }

    // z: [B, d] with the batch's conditions (and x for shortcuts or an autoregressive decoder) -> [B, P·D]
    public Tensor Decode(Tensor z, Batch? batch = null, Generator? generator = null) =>
        decoder.Forward(DecoderInput(z, batch?.Condition, batch?.X), batch?.X, generator);

    /// <summary>Decodes K samples per example: z [K, B, d] → [K, B, P·D], repeating the batch's inputs as the decoder needs.</summary>
    public Tensor DecodeSamples(Tensor z, Batch batch)
    {
        long k = z.shape[0], b = z.shape[1];
        bool needsX = decoder.IsAutoregressive || Options.Shortcut != Shortcut.None;
        var x = needsX ? batch.X.repeat(k, 1) : null;
        var input = DecoderInput(z.reshape(k * b, -1), batch.Condition?.repeat(k, 1), x);
        return decoder.Forward(input, x).view(k, b, -1);
    }

    /// <summary>Data for latent codes z [B, d]: the likelihood's mean, or a draw; autoregressive decoders generate value by value.</summary>
    public Tensor Generate(Tensor z, Tensor? condition = null, bool sample = false, Generator? generator = null)
    {
        if (Options.Shortcut != Shortcut.None) throw new VaeException("a model with a shortcut needs x to decode; it cannot generate from z alone.");
        return decoder.Generate(DecoderInput(z, condition, null), new LikelihoodSampler(likelihood), sample, generator);
    }

    // x: [B, D] -> log p(x|z) [B] at z ~ q(z|x), KL per dimension [B, d]
    // With a latent library also l ~ q(l|x) (drawn after z) in log p(x|z, ℓ = e^l), and KL(q(l|x) ‖ p(l)) [B] as LibraryKl.
    public ElboTerms Terms(Batch batch, Generator? generator = null)
    {
        var (q, library) = EncodeWithLibrary(batch);
        var z = q.Sample(generator);
        var decoded = Decode(z, batch, generator);
        var logLikelihood = library is null ? likelihood.LogProb(batch.X, decoded) : LogLikelihood(batch.X, decoded, library.Sample(generator));
        var propertyError = propertyHead is not null && batch.Targets is { } y ? PropertyError(z, y) : null;
        if (q.IsPointMass) return new ElboTerms(logLikelihood, zeros_like(logLikelihood), zeros_like(q.Mean), q, z, propertyError);
        var klPerDim = q.KlToStandardNormalPerDim();
        var kl = q is DiagonalGaussian ? klPerDim.sum(-1) : q.KlToStandardNormal();
        return new ElboTerms(logLikelihood, kl, klPerDim, q, z, propertyError) { LibraryKl = library?.KlTo(LibraryPrior(batch)) };
    }

    public bool HasPropertyHead => propertyHead is not null;

    /// <summary>The property head's prediction at z [B, d], in the targets' own units: [B, P].</summary>
    public Tensor PredictProperties(Tensor z) => PredictStandardized(z) * Scale(z.device) + Mean(z.device);

    /// <summary>The property head's prediction at z in standardized units (y − mean) / scale: [B, P].</summary>
    public Tensor PredictStandardized(Tensor z) =>
        (propertyHead ?? throw new VaeException("this model has no property head (train it with --property)."))
        .call(z);

    // Squared error of the head at z against the standardized targets y [B, P], summed over the known (non-NaN) ones: [B]
    private Tensor PropertyError(Tensor z, Tensor y)
    {
        var target = (y - Mean(y.device)) / Scale(y.device);
        var known = target.isnan().logical_not();
        var diff = (PredictStandardized(z) - target.nan_to_num()) * known;
        return diff.square().sum(-1);
    }

    private Tensor Mean(Device device) =>
        tensor(Options.PropertyMean ?? new double[Options.Properties], device: device).to(ScalarType.Float32);

    private Tensor Scale(Device device) =>
        tensor(Options.PropertyScale ?? Enumerable.Repeat(1.0, Options.Properties).ToArray(), device: device).to(ScalarType.Float32);

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

    // [z, c, shortcut(x)]: [B, d']
    private Tensor DecoderInput(Tensor z, Tensor? condition, Tensor? x)
    {
        if (Options.Conditions == 0 && Options.Shortcut == Shortcut.None) return z;
        var parts = new List<Tensor> { z };
        if (Options.Conditions > 0) parts.Add(RequireCondition(condition));
        if (Options.Shortcut == Shortcut.FirstHalf)
            parts.Add((x ?? throw new VaeException("a model with a shortcut needs x to decode.")).narrow(-1, 0, Options.ShortcutSize));
        return cat(parts, dim: -1);
    }

    private Tensor RequireCondition(Batch batch) => RequireCondition(batch.Condition);

    private Tensor RequireCondition(Tensor? condition) =>
        condition ?? throw new VaeException($"this model is conditioned on {Options.Conditions} covariates; the data has none.");
}
