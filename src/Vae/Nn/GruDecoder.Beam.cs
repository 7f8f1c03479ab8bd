using TorchSharp;
using static TorchSharp.torch;

namespace Vae.Nn;

/// <summary>Beam search and grammar masking for the GRU decoder.</summary>
public sealed partial class GruDecoder
{
    /// <summary>
    /// Beam search for every row of z [B, d']: K prefixes per row, extended each step by every token and cut back
    /// to the K best by the sum of log p(x_t | x_&lt;t, z) (the B·K prefixes run as one batch). A beam that wrote
    /// &lt;end&gt; keeps its score and is padded; the search stops when every beam has ended or at the length. At
    /// step 0 only beam 0 is live (the others start at −∞), so the K beams are distinct sequences. The beams are
    /// returned best first by the sum, or by the sum over the length (&lt;end&gt; counted) with
    /// <see cref="SequenceDecoding.LengthNormalized"/>. With a grammar, disallowed tokens get −∞. K = 1 is greedy
    /// decoding: the argmax of log_softmax is the argmax of the logits.
    /// </summary>
    public BeamSearchResult BeamSearch(Tensor z, SequenceDecoding decoding)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        int b = (int)z.shape[0], k = decoding.Beams, n = b * k;
        var grammar = decoding.Grammar;
        var zk = z.repeat_interleave(k, dim: 0);                                           // [B·K, d']
        var zStep = zk.unsqueeze(1);
        var state = InitialState(zk);                                                      // [layers, B·K, H]
        var tokens = full(n, length, SequenceTokens.Pad, ScalarType.Int64, z.device);      // [B·K, T]
        var scores = full(b, k, double.NegativeInfinity, ScalarType.Float64, z.device);    // [B, K]
        scores.select(1, 0).fill_(0.0);
        var finished = zeros(n, dtype: ScalarType.Bool, device: z.device);
        var lengths = zeros(n, dtype: ScalarType.Int64, device: z.device);
        var token = full(n, SequenceTokens.Start, ScalarType.Int64, z.device);
        var padOnly = full(classes, double.NegativeInfinity, ScalarType.Float64, z.device);  // a finished beam's only continuation
        padOnly[SequenceTokens.Pad].fill_(0.0);
        var rowBase = (arange(b, ScalarType.Int64, z.device) * k).unsqueeze(1);           // [B, 1]
        var grammarStates = grammar is null ? null : Enumerable.Repeat(grammar.Initial, n).ToArray();
        for (int t = 0; t < length && !finished.all().item<bool>(); t++)
        {
            using var step = NewDisposeScope();
            (var logits, var next) = Step(token, state, zStep);                           // [B·K, V]
            if (grammar is not null) logits = Masked(logits, grammar, grammarStates!, length - t);
            var logp = logits.log_softmax(-1).to(ScalarType.Float64);
            logp = where(finished.unsqueeze(1), padOnly.unsqueeze(0), logp);
            var candidates = (scores.view(n, 1) + logp).view(b, (long)k * classes);        // [B, K·V]
            var (top, index) = candidates.topk(k, dim: 1);                                 // best first: [B, K]
            var source = (rowBase + index.div(classes, rounding_mode: RoundingMode.floor)).view(n);
            var chosen = index.remainder(classes).view(n);
            var wasFinished = finished.index_select(0, source);
            // The step before's values are freed once this step's replace them (they would otherwise live until the end).
            Tensor[] previous = [tokens, state, lengths, finished, scores, token];
            tokens = tokens.index_select(0, source).MoveToOuterDisposeScope();
            tokens.select(1, t).copy_(chosen);
            state = next.index_select(1, source).MoveToOuterDisposeScope();
            lengths = (lengths.index_select(0, source) + wasFinished.logical_not().to(ScalarType.Int64)).MoveToOuterDisposeScope();
            finished = wasFinished.logical_or(chosen.eq(SequenceTokens.End)).MoveToOuterDisposeScope();
            scores = top.MoveToOuterDisposeScope();
            token = chosen.MoveToOuterDisposeScope();
            foreach (var old in previous) old.Dispose();
            if (grammarStates is not null)
            {
                var from = source.cpu().data<long>().ToArray();
                grammarStates = from.Select(i => grammarStates[i]).ToArray();
                Advance(grammar!, grammarStates, token.masked_fill(wasFinished, SequenceTokens.Pad));
            }
        }
        var lengthsPerBeam = lengths.view(b, k);
        var rank = decoding.LengthNormalized ? scores / lengthsPerBeam.clamp_min(1).to(ScalarType.Float64) : scores;
        var order = rank.argsort(dim: 1, descending: true);                                 // [B, K]
        var rows = (rowBase + order).view(n);
        return new BeamSearchResult(b, k, length,
            tokens.index_select(0, rows).cpu().data<long>().ToArray(),
            scores.gather(1, order).cpu().data<double>().ToArray(),
            lengthsPerBeam.gather(1, order).cpu().data<long>().ToArray().Select(x => (int)x).ToArray());
    }

    // logits [N, V] with −∞ where the grammar does not allow a token; remaining = positions left, this one included
    private Tensor Masked(Tensor logits, ITokenGrammar grammar, int[] states, int remaining)
    {
        var allowed = new bool[states.Length * classes];
        for (int i = 0; i < states.Length; i++) grammar.Allowed(states[i], remaining, allowed.AsSpan(i * classes, classes));
        var mask = tensor(allowed, [states.Length, classes]).to(logits.device);
        return logits.masked_fill(mask.logical_not(), float.NegativeInfinity);
    }

    // Moves every sequence's grammar state on by its token [N]; padding (a finished sequence) leaves the grammar (state −1).
    private static void Advance(ITokenGrammar grammar, int[] states, Tensor token)
    {
        var chosen = token.cpu().data<long>().ToArray();
        for (int i = 0; i < states.Length; i++)
            states[i] = chosen[i] == SequenceTokens.Pad || states[i] < 0 ? -1 : grammar.Next(states[i], (int)chosen[i]);
    }
}
