using TorchSharp;
using Vae.Distributions;
using Vae.Models;
using Vae.Nn;
using static TorchSharp.torch;

namespace Vae.Tests.Nn;

[Collection(ProcessWide.Name)]
public class GruDecoderTests
{
    const int V = 7, T = 6, Latent = 3;

    static GruDecoder Decoder(double wordDropout = 0, int layers = 1)
    {
        manual_seed(11);
        var d = new GruDecoder(Latent, V, T, embeddingSize: 5, hidden: 8, layers, wordDropout);
        using var g = new Generator(5);
        ParameterInit.Reset(d, g);
        return d;
    }

    // logits [B, V·T] (V blocks of T) -> position t's logits [B, V]
    static Tensor At(Tensor logits, int t) => logits.view(-1, V, T).select(2, t);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Position_Ts_Logits_Depend_On_Earlier_Tokens_And_On_Z_But_Not_On_Tokens_At_Or_After_T(int layers)
    {
        using var scope = NewDisposeScope();
        using var decoder = Decoder(layers: layers);
        decoder.eval();
        var z = randn(2, Latent);
        var x = randint(0, V, [2, T]).to(ScalarType.Float32);
        var logits = decoder.Forward(z, x);
        for (int t = 0; t < T; t++)
        {
            var changed = x.clone();
            changed[.., TensorIndex.Slice(t)] = (changed[.., TensorIndex.Slice(t)] + 1) % V;   // every token at or after t
            var other = decoder.Forward(z, changed);
            for (int s = 0; s <= t; s++) Assert.True(At(other, s).equal(At(logits, s)).all().item<bool>(), $"position {s} sees a token at {t} or later");
            if (t + 1 < T) Assert.False(At(other, t + 1).allclose(At(logits, t + 1)), $"position {t + 1} does not see token {t}");
        }
        Assert.False(decoder.Forward(randn(2, Latent), x).allclose(logits), "the output depends on z");
    }

    [Fact]
    public void Word_Dropout_Acts_In_Training_Only()
    {
        using var scope = NewDisposeScope();
        using var decoder = Decoder(wordDropout: 0.5);
        var z = randn(4, Latent);
        var x = randint(4, V, [4, T]).to(ScalarType.Float32);
        decoder.eval();
        using var g1 = new Generator(1);
        using var g2 = new Generator(2);
        var clean = decoder.Forward(z, x, g1);
        Assert.True(decoder.Forward(z, x, g2).equal(clean).all().item<bool>(), "eval mode must not drop words");
        decoder.train();
        using var g3 = new Generator(3);
        using var g4 = new Generator(3);
        var dropped = decoder.Forward(z, x, g3);
        Assert.False(dropped.allclose(clean), "training mode with p = 0.5 must drop words");
        Assert.True(decoder.Forward(z, x, g4).equal(dropped).all().item<bool>(), "the same generator state must drop the same words");
        // position 0 reads <start>, which is never dropped
        Assert.True(At(dropped, 0).allclose(At(clean, 0)));
    }

    [Fact]
    public void Word_Dropout_Replaces_Teacher_Forced_Tokens_By_Unknown()
    {
        using var scope = NewDisposeScope();
        using var decoder = Decoder(wordDropout: 0.9999);   // (almost) every input after <start> is dropped
        var z = randn(4, Latent);
        var x = randint(4, V, [4, T]).to(ScalarType.Float32);
        decoder.train();
        using var g = new Generator(1);
        var dropped = decoder.Forward(z, x, g);
        decoder.eval();
        var unknown = decoder.Forward(z, full(4, T, (float)SequenceTokens.Unknown));
        Assert.True(dropped.allclose(unknown, rtol: 1e-5, atol: 1e-6));
    }

    [Fact]
    public void Greedy_Generation_Agrees_With_The_Argmax_Of_The_Teacher_Forced_Logits()
    {
        using var scope = NewDisposeScope();
        using var decoder = Decoder();
        decoder.eval();
        var z = randn(16, Latent) * 2;
        var lik = new CategoricalLikelihood(V);
        var generated = decoder.Generate(z, new LikelihoodSampler(lik), sample: false, generator: null);
        var argmax = lik.Mean(decoder.Forward(z, generated));
        var g = generated.data<float>().ToArray();
        var a = argmax.data<float>().ToArray();
        for (int b = 0; b < 16; b++)
            for (int t = 0; t < T; t++)
            {
                Assert.Equal(a[b * T + t], g[b * T + t]);
                if (g[b * T + t] == SequenceTokens.End) break;
            }
    }

    [Fact]
    public void Generation_Stops_At_End_And_Pads_After_It()
    {
        using var scope = NewDisposeScope();
        using var decoder = Decoder();
        decoder.eval();
        var lik = new CategoricalLikelihood(V);
        var z = randn(64, Latent);
        // a decoder whose only opinion is <end>: the first token ends every sequence
        using (no_grad())
        {
            var named = decoder.named_parameters().ToDictionary(p => p.name, p => p.parameter);
            named["output.weight"].zero_();
            named["output.bias"].zero_();
            named["output.bias"][SequenceTokens.End] = tensor(10f);
        }
        var ended = decoder.Generate(z, new LikelihoodSampler(lik), sample: false, generator: null);
        Assert.True(ended.select(1, 0).eq(SequenceTokens.End).all().item<bool>());
        Assert.True(ended.narrow(1, 1, T - 1).eq(SequenceTokens.Pad).all().item<bool>());
        // drawn tokens with a milder preference for <end>: once a sequence has ended it is padding to the end
        using (no_grad()) decoder.named_parameters().First(p => p.name == "output.bias").parameter[SequenceTokens.End] = tensor(1.5f);
        using var g = new Generator(9);
        var rows = decoder.Generate(z, new LikelihoodSampler(lik), sample: true, generator: g).data<float>().ToArray();
        int endedEarly = 0;
        for (int b = 0; b < 64; b++)
        {
            int end = Array.IndexOf(rows, (float)SequenceTokens.End, b * T, T);
            if (end < 0) continue;
            if (end < b * T + T - 1) endedEarly++;
            for (int i = end + 1; i < b * T + T; i++) Assert.Equal(SequenceTokens.Pad, rows[i]);
        }
        Assert.True(endedEarly > 0);
    }
}
