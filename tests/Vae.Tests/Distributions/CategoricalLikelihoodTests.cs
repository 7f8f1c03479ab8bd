using TorchSharp;
using Vae.Distributions;
using static TorchSharp.torch;

namespace Vae.Tests.Distributions;

[Collection(ProcessWide.Name)]
public class CategoricalLikelihoodTests
{
    const int V = 5, D = 4;

    [Fact]
    public void LogProb_Matches_A_Direct_Log_Softmax_Over_Each_Positions_Block_Of_Classes()
    {
        using var scope = NewDisposeScope();
        manual_seed(3);
        var decoded = randn(3, V * D) * 3;
        var x = randint(0, V, [3, D]).to(ScalarType.Float32);
        var logp = new CategoricalLikelihood(V).LogProb(x, decoded);
        var l = decoded.data<float>().ToArray();
        var ids = x.data<float>().ToArray();
        for (int b = 0; b < 3; b++)
        {
            double expected = 0;
            for (int t = 0; t < D; t++)
            {
                // the logit of class v at position t is decoded[b, v·D + t] (V blocks of D)
                double[] logits = Enumerable.Range(0, V).Select(v => (double)l[b * V * D + v * D + t]).ToArray();
                double max = logits.Max();
                double lse = max + Math.Log(logits.Sum(u => Math.Exp(u - max)));
                expected += logits[(int)ids[b * D + t]] - lse;
            }
            Assert.Equal(expected, logp[b].item<float>(), 4);
        }
    }

    [Fact]
    public void LogProb_Broadcasts_The_Data_Over_Leading_Sample_Dimensions()
    {
        using var scope = NewDisposeScope();
        manual_seed(4);
        var decoded = randn(2, 3, V * D);
        var x = randint(0, V, [3, D]).to(ScalarType.Float32);
        var lik = new CategoricalLikelihood(V);
        var both = lik.LogProb(x.unsqueeze(0), decoded);
        Assert.Equal([2L, 3L], both.shape);
        for (int k = 0; k < 2; k++) Assert.True(both[k].allclose(lik.LogProb(x, decoded[k])));
    }

    [Fact]
    public void Mean_Is_The_Most_Probable_Class_At_Each_Position()
    {
        using var scope = NewDisposeScope();
        var decoded = zeros(1, V * D);
        int[] best = [2, 0, 4, 1];
        for (int t = 0; t < D; t++) decoded[0, best[t] * D + t] = tensor(5f);
        Assert.Equal(best.Select(v => (float)v), new CategoricalLikelihood(V).Mean(decoded)[0].data<float>().ToArray());
    }

    [Fact]
    public void Samples_Follow_The_Softmax_Probabilities_And_Repeat_With_The_Same_Seed()
    {
        using var scope = NewDisposeScope();
        double[] p = [0.6, 0.25, 0.1, 0.05, 0.0];
        var logits = tensor(p.Select(v => (float)Math.Log(v + 1e-12)).ToArray()).unsqueeze(0).expand(20000, V).contiguous();  // D = 1
        var lik = new CategoricalLikelihood(V);
        using var g1 = new Generator(7);
        var draws = lik.Sample(logits, g1).data<float>().ToArray();
        for (int v = 0; v < V; v++) Assert.Equal(p[v], draws.Count(d => d == v) / 20000.0, 2);
        using var g2 = new Generator(7);
        Assert.Equal(draws, lik.Sample(logits, g2).data<float>().ToArray());
    }

    [Fact]
    public void Fewer_Than_Two_Classes_Is_Rejected()
    {
        Assert.Throws<VaeException>(() => new CategoricalLikelihood(1));
    }
}
