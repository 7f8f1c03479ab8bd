using Vae.Distributions;
using static TorchSharp.torch;

namespace Vae.Tests.Distributions;

public class DiagonalGaussianTests
{
    [Fact]
    public void Kl_Matches_MonteCarlo_Estimate()
    {
        using var scope = NewDisposeScope();
        using var g = new Generator(7);
        var mu = tensor(new[] { 0.5f, -1.2f, 2.0f, 0f });
        var logvar = tensor(new[] { -1.0f, 0.7f, -2.5f, 0f });
        var q = new DiagonalGaussian(mu.to(ScalarType.Float64), logvar.to(ScalarType.Float64));
        double analytic = q.KlToStandardNormalPerDim().sum().item<double>();

        // KL = E_q[log q(z) − log p(z)], estimated with 400k samples; compare within 5 standard errors.
        var z = q.Sample(400_000, g);
        var diff = q.LogProb(z) - StandardNormal.LogProb(z);
        double mc = diff.mean().item<double>();
        double se = diff.std().item<double>() / Math.Sqrt(400_000);
        Assert.InRange(analytic, mc - 5 * se, mc + 5 * se);
        Assert.True(se < 0.01, $"standard error {se} too large for a meaningful check");
        // A point of reference: the closed form by hand for the last dimension (μ=0, σ=1) is 0.
        Assert.Equal(0.0, q.KlToStandardNormalPerDim()[3].item<double>(), 12);
    }

    [Fact]
    public void LogProb_Matches_The_Normal_Density_Formula()
    {
        using var scope = NewDisposeScope();
        var q = new DiagonalGaussian(tensor(new[] { 1.0, -2.0 }), tensor(new[] { Math.Log(4.0), Math.Log(0.25) }));
        var z = tensor(new[] { 0.0, -1.5 });
        // log N(0; 1, 4) + log N(-1.5; -2, 0.25)
        double expected = -0.5 * Math.Log(2 * Math.PI * 4) - 1.0 / 8 + (-0.5 * Math.Log(2 * Math.PI * 0.25) - 0.25 / 0.5);
        Assert.Equal(expected, q.LogProb(z).item<double>(), 10);
    }

    [Fact]
    public void Reparameterized_Gradient_Matches_Closed_Form()
    {
        // f(z) = z², E[f] = μ² + σ², so d/dμ = 2μ and d/dlogσ² = σ² (since σ² = exp(logσ²)).
        using var scope = NewDisposeScope();
        using var g = new Generator(11);
        var mu = tensor(new[] { 0.8 }, requires_grad: true);
        var logvar = tensor(new[] { Math.Log(0.5) }, requires_grad: true);
        var q = new DiagonalGaussian(mu, logvar);
        var z = q.Sample(1_000_000, g);
        z.square().mean().backward();
        double sigma2 = 0.5;
        Assert.Equal(2 * 0.8, mu.grad!.item<double>(), 2);
        Assert.Equal(sigma2, logvar.grad!.item<double>(), 2);
    }

    [Fact]
    public void Point_Mass_Samples_Are_The_Mean()
    {
        using var scope = NewDisposeScope();
        var mu = tensor(new[] { 1f, 2f });
        var q = DiagonalGaussian.PointMass(mu);
        Assert.True(q.Sample().equal(mu).all().item<bool>());
        Assert.Equal(0f, q.StdDev.sum().item<float>());
    }
}
