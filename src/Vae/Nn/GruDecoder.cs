using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Vae.Nn;

/// <summary>
/// An autoregressive GRU decoder over tokens (Bowman et al. 2016; Gómez-Bombarelli et al. 2018):
/// p(x|z) = Π_t p(x_t | x_&lt;t, z). Step t reads the embedding of the previous token (&lt;start&gt; at
/// t = 0) with z concatenated, and the initial hidden state is a function of z, so z reaches every
/// step. Training uses teacher forcing (the true previous tokens); word dropout replaces each
/// teacher-forced token (after &lt;start&gt;) by &lt;unk&gt; with probability p during training only, which
/// weakens the decoder's view of the past and pushes information into z.
/// </summary>
public sealed partial class GruDecoder : Decoder, ISequenceDecoder
{
    private readonly Embedding embedding;
    private readonly GRU gru;
    private readonly Linear initial;   // z -> layers·H (tanh)
    private readonly Linear output;    // H -> V logits
    private readonly int classes, length, hidden, layers;
    private readonly double wordDropout;

    public GruDecoder(int latent, int classes, int length, int embeddingSize, int hidden, int layers, double wordDropout) : base(nameof(GruDecoder))
    {
        if (wordDropout is < 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(wordDropout), wordDropout, "word dropout must be in [0, 1).");
        (this.classes, this.length, this.hidden, this.layers, this.wordDropout) = (classes, length, hidden, layers, wordDropout);
        embedding = nn.Embedding(classes, embeddingSize);
        gru = nn.GRU(embeddingSize + latent, hidden, numLayers: layers, batchFirst: true);
        initial = nn.Linear(latent, layers * hidden);
        output = nn.Linear(hidden, classes);
        RegisterComponents();
    }

    public override bool IsAutoregressive => true;

    public double WordDropout => wordDropout;

    // z: [B, d'], x: [B, T] token ids -> logits [B, V·T] (V blocks of T)
    public override Tensor Forward(Tensor z, Tensor? x) => Forward(z, x, null);

    public override Tensor Forward(Tensor z, Tensor? x, Generator? generator)
    {
        if (x is null) throw new InvalidOperationException("an autoregressive decoder needs x (teacher forcing); use Generate to decode z alone.");
        long b = x.shape[0], t = x.shape[1];
        var ids = x.to(ScalarType.Int64);
        var previous = cat([full(b, 1, SequenceTokens.Start, ScalarType.Int64, z.device), ids.narrow(1, 0, t - 1)], dim: 1);  // [B, T]
        if (training && wordDropout > 0)
        {
            var drop = rand([b, t], generator: generator, device: z.device).lt(wordDropout);
            drop.narrow(1, 0, 1).fill_(false);
            previous = previous.masked_fill(drop, SequenceTokens.Unknown);
        }
        var steps = cat([embedding.call(previous), z.unsqueeze(1).expand(b, t, z.shape[1])], dim: -1);  // [B, T, E + d']
        var (states, _) = gru.call(steps, InitialState(z));                                              // [B, T, H]
        return output.call(states).transpose(1, 2).reshape(b, classes * t);
    }

    /// <summary>
    /// Generates token by token from &lt;start&gt;: each step takes the most probable token (greedy), or
    /// with <paramref name="sample"/> a draw, and feeds it back; after &lt;end&gt; a sequence is padded,
    /// and generation stops when every sequence has ended or reached the length. Returns token ids [B, T].
    /// </summary>
    public override Tensor Generate(Tensor z, IValueSampler values, bool sample, Generator? generator) =>
        Generate(z, values, sample, generator, null);

    /// <summary>As <see cref="Generate(Tensor, IValueSampler, bool, Generator?)"/>, with the logits of the tokens <paramref name="grammar"/> does not allow set to −∞.</summary>
    public Tensor Generate(Tensor z, IValueSampler values, bool sample, Generator? generator, ITokenGrammar? grammar)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        long b = z.shape[0];
        var result = full(b, length, SequenceTokens.Pad, ScalarType.Int64, z.device);
        var finished = zeros(b, dtype: ScalarType.Bool, device: z.device);
        var token = full(b, SequenceTokens.Start, ScalarType.Int64, z.device);
        var state = InitialState(z);
        var zStep = z.unsqueeze(1);
        var grammarStates = grammar is null ? null : Enumerable.Repeat(grammar.Initial, (int)b).ToArray();
        for (int t = 0; t < length && !finished.all().item<bool>(); t++)
        {
            // Each step's tensors are freed when it ends, but for what the next step reads, and those of the step before
            // then: otherwise every step's GRU states and logits lived until the end (10,000 masked SMILES samples grew one
            // process to 16 GB).
            using var stepScope = NewDisposeScope();
            (var logits, var next) = Step(token, state, zStep);                           // [B, V]: V blocks of 1 value
            if (grammar is not null) logits = Masked(logits, grammar, grammarStates!, length - t);
            var chosen = (sample ? values.Sample(logits, generator) : values.Mean(logits)).squeeze(-1).to(ScalarType.Int64);
            chosen = chosen.masked_fill(finished, SequenceTokens.Pad);
            result.select(1, t).copy_(chosen);
            if (grammar is not null) Advance(grammar, grammarStates!, chosen);
            var done = finished.logical_or(chosen.eq(SequenceTokens.End));
            var previous = (token, state, finished);
            (token, state, finished) = (chosen.MoveToOuterDisposeScope(), next.MoveToOuterDisposeScope(), done.MoveToOuterDisposeScope());
            previous.token.Dispose();
            previous.state.Dispose();
            previous.finished.Dispose();
        }
        return result.to(z.dtype).MoveToOuterDisposeScope();
    }

    // One step of the GRU: previous tokens [B], state [layers, B, H], z [B, 1, d'] -> logits [B, V], state
    private (Tensor Logits, Tensor State) Step(Tensor token, Tensor state, Tensor zStep)
    {
        var step = cat([embedding.call(token).unsqueeze(1), zStep], dim: -1);             // [B, 1, E + d']
        var (h, next) = gru.call(step, state);
        return (output.call(h.squeeze(1)), next);
    }

    // z: [B, d'] -> h0: [layers, B, H]
    private Tensor InitialState(Tensor z) =>
        initial.call(z).tanh().view(z.shape[0], layers, hidden).transpose(0, 1).contiguous();
}
