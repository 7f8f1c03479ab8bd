using Vae.Training;
using static TorchSharp.torch;

namespace Vae.Tests.Training;

public class ExactBernoulliTests
{
    [Fact]
    public void Draws_The_Same_Values_And_Leaves_The_Same_Generator_State_As_Libtorch()
    {
        Assert.True(ExactBernoulli.Active, "the self-check against libtorch failed: draws fall back to libtorch");
        using var ours = new Generator(11);
        using var theirs = new Generator(11);
        using var source = new Generator(3);
        // Sizes across the generator's 624-word refills, odd tails and shapes; probabilities with exact 0 and 1 and ties at 2⁻²⁴ steps.
        foreach (var shape in new long[][] { [1], [7], [623], [624], [625], [128, 784], [3, 5, 97], [2000] })
        {
            using var scope = NewDisposeScope();
            var p = rand(shape, generator: source);
            p.view(-1)[0] = tensor(0f);
            if (p.numel() > 1) p.view(-1)[1] = tensor(1f);
            if (p.numel() > 2) p.view(-1)[2] = tensor(0.5f);
            var a = ExactBernoulli.Draw(p, ours);
            var b = p.bernoulli(theirs);
            Assert.Equal(b.shape, a.shape);
            Assert.True(a.eq(b).all().item<bool>(), $"draws differ for shape [{string.Join(", ", shape)}]");
            randn(3, generator: ours);   // other draws between binarizations, as in training
            randn(3, generator: theirs);
        }
        Assert.Equal(Rng.Save(theirs), Rng.Save(ours));
    }

    [Fact]
    public void Draws_Have_The_Asked_Probabilities()
    {
        using var generator = new Generator(4);
        var p = linspace(0, 1, 11).repeat(20_000, 1);                      // each column one probability
        var mean = ExactBernoulli.Draw(p, generator).mean([0]);
        var expected = linspace(0, 1, 11);
        var standardError = (expected * (1 - expected) / 20_000).sqrt();
        Assert.True(((mean - expected).abs() <= 5 * standardError + 1e-9).all().item<bool>(), string.Join(", ", mean.data<float>().ToArray()));
    }

    [Fact]
    public void Other_Tensors_Fall_Back_To_Libtorch()
    {
        using var ours = new Generator(2);
        using var theirs = new Generator(2);
        var p = rand(40, 30).t();                                            // not contiguous
        var d = rand(5, 5, dtype: ScalarType.Float64);
        Assert.True(ExactBernoulli.Draw(p, ours).eq(p.bernoulli(theirs)).all().item<bool>());
        Assert.True(ExactBernoulli.Draw(d, ours).eq(d.bernoulli(theirs)).all().item<bool>());
        Assert.Equal(ScalarType.Float64, ExactBernoulli.Draw(d, ours).dtype);
    }
}
