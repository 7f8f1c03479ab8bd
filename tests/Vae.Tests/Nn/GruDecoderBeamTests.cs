using TorchSharp;
using Vae.Distributions;
using Vae.Models;
using Vae.Nn;
using static TorchSharp.torch;

namespace Vae.Tests.Nn;

/// <summary>Beam search and grammar masking of the GRU decoder, against greedy decoding and an exhaustive enumeration.</summary>
public class GruDecoderBeamTests
{
    const int Latent = 3;

    static GruDecoder Decoder(int classes, int length, ulong seed = 5)
    {
        var d = new GruDecoder(Latent, classes, length, embeddingSize: 5, hidden: 8, layers: 1, wordDropout: 0);
        using var g = new Generator(seed);
        ParameterInit.Reset(d, g);
        // sharper distributions than the initialisation gives, so that rankings are not near-ties
        using (no_grad()) d.named_parameters().First(p => p.name == "output.weight").parameter.mul_(4);
        d.eval();
        return d;
    }

    static Tensor Codes(int n, ulong seed)
    {
        using var g = new Generator(seed);
        return randn([n, Latent], generator: g) * 2;
    }

    [Fact]
    public void One_Beam_Is_Greedy_Decoding()
    {
        using var scope = NewDisposeScope();
        const int V = 9, T = 8, N = 200;
        using var decoder = Decoder(V, T);
        var z = Codes(N, 1);
        var greedy = decoder.Generate(z, new LikelihoodSampler(new CategoricalLikelihood(V)), sample: false, generator: null).data<float>().ToArray();
        var beam = decoder.BeamSearch(z, new SequenceDecoding(beams: 1));
        Assert.Equal(greedy, beam.Best());
        // also under a grammar
        var grammar = new NoRepeatGrammar(V);
        var greedyMasked = decoder.Generate(z, new LikelihoodSampler(new CategoricalLikelihood(V)), false, null, grammar).data<float>().ToArray();
        Assert.Equal(greedyMasked, decoder.BeamSearch(z, new SequenceDecoding(1, false, grammar)).Best());
        Assert.NotEqual(greedy, greedyMasked);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Beams_Covering_Every_Sequence_Are_The_Exhaustive_Ranking(bool lengthNormalized)
    {
        using var scope = NewDisposeScope();
        const int V = 5, T = 3;
        using var decoder = Decoder(V, T, seed: 7);
        for (ulong seed = 1; seed <= 4; seed++)
        {
            var z = Codes(1, seed);
            var all = Enumerate(decoder, z, V, T, null);
            Assert.Equal(1 + 4 + 16 + 64, all.Count);   // <end> at 1, 2, 3, or no <end>
            int k = V * V * V;                          // |V|^T ≥ the number of sequences
            var r = decoder.BeamSearch(z, new SequenceDecoding(k, lengthNormalized));
            var expected = all.OrderByDescending(s => lengthNormalized ? s.Value.Score / s.Value.Length : s.Value.Score).ToList();
            var finite = Enumerable.Range(0, k).Where(i => double.IsFinite(r.Scores[i])).ToList();
            Assert.Equal(all.Count, finite.Count);
            // the best beam is the argmax of the enumeration
            Assert.Equal(expected[0].Key, Key(r.Beam(0, 0)));
            for (int i = 0; i < finite.Count; i++)
            {
                Assert.Equal(i, finite[i]);                       // live beams first
                var (score, length) = all[Key(r.Beam(0, i))];     // each beam is a distinct sequence of the enumeration …
                Assert.Equal(score, r.Scores[i], 1e-4);              // … with its score and length
                Assert.Equal(length, r.Lengths[i]);
                double rank = lengthNormalized ? score / length : score;
                double expectedRank = lengthNormalized ? expected[i].Value.Score / expected[i].Value.Length : expected[i].Value.Score;
                Assert.Equal(expectedRank, rank, 1e-4);               // in the enumeration's order
            }
        }
    }

    [Fact]
    public void Beams_Wider_Than_The_Frontier_Are_The_Top_K_Of_The_Enumeration()
    {
        using var scope = NewDisposeScope();
        const int V = 6, T = 3;
        using var decoder = Decoder(V, T, seed: 3);
        var z = Codes(3, 8);
        // at most (V-1)^(T-1) = 25 unfinished prefixes of length T-1 and never more than 25 + 5 + 1 sequences in all
        // before the last step: 31 beams keep every prefix, so the search is exact; then its K best are the top K.
        const int K = 31;
        var r = decoder.BeamSearch(z, new SequenceDecoding(K));
        for (int i = 0; i < 3; i++)
        {
            var top = Enumerate(decoder, z.narrow(0, i, 1), V, T, null).OrderByDescending(s => s.Value.Score).Take(K).ToList();
            for (int k = 0; k < K; k++)
            {
                Assert.Equal(top[k].Value.Score, r.Scores[i * K + k], 1e-4);
                Assert.Equal(top[k].Key, Key(r.Beam(i, k)));
            }
        }
    }

    [Fact]
    public void Under_A_Grammar_The_Beams_Are_The_Ranking_Of_The_Allowed_Sequences()
    {
        using var scope = NewDisposeScope();
        const int V = 6, T = 3;
        using var decoder = Decoder(V, T, seed: 2);
        var grammar = new NoRepeatGrammar(V);
        var z = Codes(1, 3);
        var allowed = Enumerate(decoder, z, V, T, grammar);
        // log-probabilities renormalised over the allowed tokens at every step
        var r = decoder.BeamSearch(z, new SequenceDecoding(V * V * V, false, grammar));
        var expected = allowed.OrderByDescending(s => s.Value.Score).ToList();
        int live = r.Scores.Count(double.IsFinite);
        Assert.Equal(allowed.Count, live);
        for (int i = 0; i < live; i++)
        {
            Assert.Equal(expected[i].Value.Score, r.Scores[i], 1e-4);
            Assert.True(grammar.Accepts(r.Beam(0, i)), Key(r.Beam(0, i)));
        }
    }

    [Fact]
    public void Drawn_And_Greedy_Generation_Never_Write_A_Token_The_Grammar_Forbids()
    {
        using var scope = NewDisposeScope();
        const int V = 7, T = 10;
        using var decoder = Decoder(V, T);
        var grammar = new NoRepeatGrammar(V);
        var z = Codes(300, 4);
        var lik = new LikelihoodSampler(new CategoricalLikelihood(V));
        using var g = new Generator(3);
        foreach (bool sample in new[] { false, true })
        {
            var rows = decoder.Generate(z, lik, sample, g, grammar).to(ScalarType.Int64).data<long>().ToArray();
            for (int i = 0; i < 300; i++) Assert.True(grammar.Accepts(rows.AsSpan(i * T, T)), $"row {i}: {string.Join(' ', rows.AsSpan(i * T, T).ToArray())}");
        }
        var free = decoder.Generate(z, lik, true, g, null).to(ScalarType.Int64).data<long>().ToArray();
        Assert.Contains(Enumerable.Range(0, 300), i => !grammar.Accepts(free.AsSpan(i * T, T)));   // the test can fail
    }

    static string Key(ReadOnlySpan<long> tokens) => string.Join(' ', tokens.ToArray());

    /// <summary>
    /// Every sequence of T tokens (padding after the first &lt;end&gt;) with its log-probability under teacher forcing,
    /// summed up to and including &lt;end&gt;, and its length; with a grammar only the sequences it accepts, their
    /// log-probabilities renormalised over the allowed tokens at each step.
    /// </summary>
    static Dictionary<string, (double Score, int Length)> Enumerate(GruDecoder decoder, Tensor z, int v, int t, NoRepeatGrammar? grammar)
    {
        var sequences = new List<long[]>();
        void Extend(List<long> prefix)
        {
            if (prefix.Count == t || (prefix.Count > 0 && prefix[^1] == SequenceTokens.End))
            {
                sequences.Add([.. prefix, .. Enumerable.Repeat((long)SequenceTokens.Pad, t - prefix.Count)]);
                return;
            }
            for (int token = 0; token < v; token++) Extend([.. prefix, token]);
        }
        Extend([]);
        if (grammar is not null) sequences = sequences.Where(s => grammar.Accepts(s)).ToList();
        var x = tensor(sequences.SelectMany(s => s).Select(id => (float)id).ToArray(), [sequences.Count, t]);
        using var noGrad = no_grad();
        var logits = decoder.Forward(z.expand(sequences.Count, Latent), x).view(sequences.Count, v, t).transpose(1, 2).to(ScalarType.Float64);   // [N, T, V]
        var result = new Dictionary<string, (double, int)>();
        for (int n = 0; n < sequences.Count; n++)
        {
            double score = 0;
            int length = 0;
            for (int step = 0; step < t; step++)
            {
                var row = logits[n, step];
                if (grammar is not null)
                {
                    var mask = new bool[v];
                    grammar.Allowed(grammar.StateOf(sequences[n].AsSpan(0, step)), t - step, mask);
                    row = row.masked_fill(tensor(mask).logical_not(), double.NegativeInfinity);
                }
                score += row.log_softmax(0)[sequences[n][step]].item<double>();
                length++;
                if (sequences[n][step] == SequenceTokens.End) break;
            }
            result[Key(sequences[n])] = (score, length);
        }
        return result;
    }

    /// <summary>A toy grammar: no token twice in a row, never &lt;pad&gt;, &lt;start&gt; or &lt;unk&gt;; the state is the last token.</summary>
    sealed class NoRepeatGrammar(int classes) : ITokenGrammar
    {
        public int Initial => SequenceTokens.Start;

        public int Next(int state, int token) => state < 0 || token == state || token < SequenceTokens.End || token == SequenceTokens.Unknown ? -1 : token;

        public void Allowed(int state, int remaining, Span<bool> mask)
        {
            for (int token = 0; token < classes; token++) mask[token] = state < 0 || Next(state, token) >= 0;
        }

        public int StateOf(ReadOnlySpan<long> prefix)
        {
            int s = Initial;
            foreach (long token in prefix) s = Next(s, (int)token);
            return s;
        }

        public bool Accepts(ReadOnlySpan<long> sequence)
        {
            int s = Initial;
            foreach (long token in sequence)
            {
                if (token == SequenceTokens.End) return true;
                if ((s = Next(s, (int)token)) < 0) return false;
            }
            return true;
        }
    }
}
