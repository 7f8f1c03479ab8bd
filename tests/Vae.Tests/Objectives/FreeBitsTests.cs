using Vae.Distributions;
using Vae.Models;
using Vae.Objectives;
using static TorchSharp.torch;

namespace Vae.Tests.Objectives;

public class FreeBitsTests
{
    [Fact]
    public void Free_Bits_Remove_The_Kl_Gradient_Under_The_Floor_And_Leave_It_Unchanged_Above()
    {
        using var scope = NewDisposeScope();
        // Dimension 0 has a tiny KL (μ ≈ 0), dimension 1 a large one (μ = 2).
        var mu = tensor(new float[] { 0.05f, 2f, -0.05f, 2.2f }, [2, 2]).requires_grad_(true);
        var logvar = zeros(2, 2).requires_grad_(true);
        Tensor Grad(ObjectiveOptions options)
        {
            mu.grad?.zero_();
            var q = new DiagonalGaussian(mu, logvar);
            var terms = new ElboTerms(zeros(2), q.KlToStandardNormal(), q.KlToStandardNormalPerDim(), q, mu);
            new Objective(options).Loss(terms, 1.0).backward();
            return mu.grad!.clone();
        }
        var plain = Grad(ObjectiveOptions.Elbo);
        var free = Grad(ObjectiveOptions.Elbo with { FreeBits = 0.5 });
        Assert.Equal(0f, free[0, 0].item<float>());
        Assert.Equal(0f, free[1, 0].item<float>());
        Assert.NotEqual(0f, plain[0, 0].item<float>());
        Assert.True(free[.., 1].allclose(plain[.., 1]), "above the floor the gradient is the ELBO's");
    }

    [Fact]
    public void Free_Bits_Groups_Floor_The_Sum_Of_Their_Dimensions()
    {
        using var scope = NewDisposeScope();
        var kl = tensor(new float[] { 0.1f, 0.2f, 1.0f, 0.0f, 0.3f, 0.0f }, [1, 6]);
        var o = new Objective(ObjectiveOptions.Elbo with { FreeBits = 0.5, FreeBitsGroup = 2 });
        // groups (0.1+0.2), (1.0+0.0), (0.3+0.0) floored at 0.5: 0.5 + 1.0 + 0.5
        Assert.Equal(2.0, o.KlPenalty(kl).item<float>(), 5);
        var uneven = new Objective(ObjectiveOptions.Elbo with { FreeBits = 0.5, FreeBitsGroup = 4 });
        // groups (0.1+0.2+1.0+0.0) = 1.3 and (0.3+0.0) floored: 1.3 + 0.5
        Assert.Equal(1.8, uneven.KlPenalty(kl).item<float>(), 5);
    }
}
