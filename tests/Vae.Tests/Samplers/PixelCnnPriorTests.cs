using Vae.Samplers;
using static TorchSharp.torch;

namespace Vae.Tests.Samplers;

public class PixelCnnPriorTests
{
    static readonly PixelCnnPriorOptions Small = new() { Features = 8, Layers = 2, Epochs = 30, BatchSize = 16, LearningRate = 1e-2 };

    static CodePixelCnn Prior(int codes = 20, int grid = 3, int seed = 1)
    {
        using var g = new Generator((ulong)seed);
        return new CodePixelCnn(codes, grid, Small, g);
    }

    [Fact]
    public void The_Logits_Of_Position_I_Do_Not_Change_When_Codes_At_Or_After_I_Change()
    {
        using var scope = NewDisposeScope();
        using var prior = Prior();
        using var g = new Generator(2);
        var codes = randint(20, [4, 9], generator: g);
        var logits = prior.call(codes);
        for (int i = 0; i < 9; i++)
        {
            var changed = codes.clone();
            changed.narrow(1, i, 9 - i).copy_(randint(20, [4, 9 - i], generator: g));
            var other = prior.call(changed);
            Assert.True(other.narrow(1, 0, i + 1).equal(logits.narrow(1, 0, i + 1)).all().item<bool>(), $"positions ≤ {i} depend on codes ≥ {i}");
            if (i + 1 < 9) Assert.False(other.narrow(1, i + 1, 9 - i - 1).equal(logits.narrow(1, i + 1, 9 - i - 1)).all().item<bool>(), $"positions > {i} see code {i}");
        }
    }

    [Fact]
    public void The_Gradient_Of_Position_Is_Logits_Reaches_Only_The_Embeddings_Of_Earlier_Codes()
    {
        using var scope = NewDisposeScope();
        using var prior = Prior(codes: 9, grid: 3);
        var embedding = prior.named_parameters().Single(p => p.name == "embedding.weight").parameter;
        var codes = tensor(new long[] { 4, 7, 0, 2, 8, 1, 6, 3, 5 }).view(1, 9);   // each code at one position, so an embedding row is one position
        var order = codes[0].data<long>().ToArray();
        for (int i = 0; i < 9; i++)
        {
            embedding.grad?.zero_();
            prior.call(codes).select(1, i).sum().backward();
            var perCode = embedding.grad!.abs().sum(dim: 1);
            for (int p = 0; p < 9; p++)
            {
                float g = perCode[order[p]].item<float>();
                if (p >= i) Assert.True(g == 0, $"logits at {i} depend on the code at {p}");
                else Assert.True(g > 0, $"logits at {i} do not see the code at {p} (the first layer covers the whole grid)");
            }
        }
    }

    [Fact]
    public void The_Log_Likelihood_Of_A_Grid_Is_The_Sum_Of_Its_Per_Position_Categorical_Log_Probabilities()
    {
        using var scope = NewDisposeScope();
        using var prior = Prior();
        using var g = new Generator(3);
        var codes = randint(20, [5, 9], generator: g);
        var expected = zeros(5, dtype: ScalarType.Float64);
        for (int i = 0; i < 9; i++)
        {
            // Position i on its own: the codes before it, anything after it (as when sampling), one softmax over K.
            var canvas = codes.clone();
            canvas.narrow(1, i, 9 - i).fill_(0);
            var logits = prior.call(canvas).select(1, i).to(ScalarType.Float64);   // [5, K]
            var logNormalizer = logits.exp().sum(-1).log();
            expected += logits.gather(1, codes.narrow(1, i, 1)).squeeze(1) - logNormalizer;
        }
        var actual = prior.LogProb(codes).to(ScalarType.Float64);
        Assert.True(actual.allclose(expected, rtol: 1e-5, atol: 1e-4), $"{actual} vs {expected}");
    }

    [Fact]
    public void Fitted_To_One_Grid_The_Prior_Draws_That_Grid()
    {
        using var scope = NewDisposeScope();
        using var prior = Prior();
        var grid = tensor(new long[] { 3, 1, 4, 1, 5, 9, 2, 6, 5 });
        var codes = grid.unsqueeze(0).expand(64, 9).contiguous();
        using var g = new Generator(4);
        var history = PixelCnnPriorTraining.Fit(prior, codes, Small, g);
        Assert.True(history[^1] < 0.05 * history[0], $"the loss fell from {history[0]} to {history[^1]}");
        var drawn = prior.Sample(32, CPU, g);
        Assert.True(drawn.eq(grid.unsqueeze(0)).all().item<bool>(), $"drew {drawn}");
    }

    [Fact]
    public void Fitted_To_Two_Grids_Equally_Often_The_Prior_Draws_Each_About_Half_The_Time_And_Little_Else()
    {
        using var scope = NewDisposeScope();
        using var prior = Prior(codes: 6, grid: 2);
        var a = tensor(new long[] { 0, 1, 2, 3 });
        var b = tensor(new long[] { 0, 5, 5, 4 });   // the same first code: the choice is made at position 1, and the rest follows
        var codes = stack([a, b]).repeat(32, 1);
        using var g = new Generator(5);
        var history = PixelCnnPriorTraining.Fit(prior, codes, Small with { Epochs = 60 }, g);
        Assert.True(Math.Abs(history[^1] - Math.Log(2)) < 0.1, $"the loss {history[^1]} should approach log 2 = {Math.Log(2):F3}");
        var drawn = prior.Sample(400, CPU, g);
        long isA = drawn.eq(a).all(dim: 1).sum().item<long>(), isB = drawn.eq(b).all(dim: 1).sum().item<long>();
        Assert.True(isA + isB >= 380, $"{400 - isA - isB} of 400 draws are neither grid");   // what is left of the prior's mass after a short fit
        Assert.InRange(isA / (double)(isA + isB), 0.38, 0.62);   // Binomial(≈400, ½): about ±4.5 standard deviations
    }

    [Fact]
    public void The_Same_Seed_Fits_The_Same_Prior()
    {
        using var scope = NewDisposeScope();
        using var g0 = new Generator(6);
        var codes = randint(20, [40, 9], generator: g0);
        var options = Small with { Epochs = 2 };
        float[] Fit()
        {
            using var prior = Prior(seed: 7);
            using var g = new Generator(8);
            PixelCnnPriorTraining.Fit(prior, codes, options, g);
            return prior.parameters().SelectMany(p => p.detach().flatten().data<float>().ToArray()).ToArray();
        }
        Assert.Equal(Fit(), Fit());
    }
}
