using TorchSharp;
using Vae.Distributions;
using Vae.Models;
using Vae.Nn;
using static TorchSharp.torch;

namespace Vae.Tests.Models.Flows;

/// <summary>
/// Each flow's log|det ∂f/∂z| against the log |det| of the Jacobian autograd computes row by row (d = 3, a few
/// examples, float64), the MADE's autoregressive structure against that Jacobian, and the flow posterior's
/// log q(z_K) against a direct change of variables.
/// </summary>
public class FlowJacobianTests
{
    const int D = 3;

    /// <summary>∂f(z)/∂z of one example by rows (one autograd.grad per output), z [1, d] → [d, d].</summary>
    static Tensor Jacobian(Func<Tensor, Tensor> f, Tensor z)
    {
        var x = z.detach().clone().requires_grad_(true);
        var y = f(x);
        var rows = Enumerable.Range(0, (int)y.shape[^1])
            .Select(i => autograd.grad([y[0, i]], [x], retain_graph: true, allow_unused: true)[0] is { } g ? g.reshape(-1) : zeros(D, dtype: float64))
            .ToArray();
        return stack(rows);
    }

    static double LogAbsDet(Tensor jacobian) => linalg.det(jacobian).abs().log().item<double>();

    static Tensor Random(Generator g, params long[] shape) => randn(shape, dtype: float64, generator: g);

    [Fact]
    public void Planar_LogDet_Matches_Autograds_Jacobian()
    {
        using var scope = NewDisposeScope();
        using var g = new Generator(11);
        var (u, w, b, z) = (Random(g, 4, D) * 2, Random(g, 4, D), Random(g, 4, 1), Random(g, 4, D));
        for (int i = 0; i < 4; i++)
        {
            var step = new PlanarStep(u[i..(i + 1)], w[i..(i + 1)], b[i..(i + 1)]);
            var zi = z[i..(i + 1)];
            double logDet = step.Forward(zi).LogDet.item<double>();
            Assert.Equal(LogAbsDet(Jacobian(x => step.Forward(x).Z, zi)), logDet, 10);
        }
    }

    [Fact]
    public void Planar_Constraint_Keeps_W_Dot_UHat_Above_Minus_One()
    {
        using var scope = NewDisposeScope();
        using var g = new Generator(3);
        var w = Random(g, 6, D);
        var u = -10 * w + Random(g, 6, D);                         // wᵀu far below −1: the unconstrained map is not invertible
        var uHat = new PlanarStep(u, w, zeros(6, 1, dtype: float64)).UHat;
        var wuHat = (w * uHat).sum(-1);
        Assert.True(wuHat.gt(-1).all().item<bool>(), string.Join(", ", wuHat.data<double>().ToArray()));
        // m(a) = −1 + softplus(a): wᵀû equals m(wᵀu) exactly.
        var expected = nn.functional.softplus((w * u).sum(-1)) - 1;
        Assert.True(wuHat.allclose(expected, rtol: 1e-6, atol: 1e-6));
    }

    static Made NewMade(int features, int width, ulong seed)
    {
        var made = new Made(D, features, width);
        using var g = new Generator(seed);
        ParameterInit.Reset(made, g);
        made.to(float64);
        return made;
    }

    [Fact]
    public void Iaf_LogDet_Matches_Autograds_Jacobian()
    {
        using var scope = NewDisposeScope();
        var made = NewMade(features: 5, width: 16, seed: 4);
        using var g = new Generator(12);
        var (h, z) = (Random(g, 4, 5), Random(g, 4, D));
        for (int i = 0; i < 4; i++)
        {
            var step = new IafStep(made, made.Context(h[i..(i + 1)]));
            var zi = z[i..(i + 1)];
            double logDet = step.Forward(zi).LogDet.item<double>();
            Assert.Equal(LogAbsDet(Jacobian(x => step.Forward(x).Z, zi)), logDet, 10);
        }
    }

    [Fact]
    public void Made_Outputs_Depend_Only_On_Earlier_Dimensions()
    {
        using var scope = NewDisposeScope();
        var made = NewMade(features: 5, width: 16, seed: 5);
        using var g = new Generator(13);
        var c = made.Context(Random(g, 1, 5));
        var z = Random(g, 1, D);
        foreach (var part in new[] { 0, 1 })
        {
            var j = Jacobian(x => part == 0 ? made.Forward(x, c).M : made.Forward(x, c).S, z);
            Assert.Equal(0.0, triu(j).abs().max().item<double>());             // ∂out_j/∂z_i = 0 for i ≥ j
            Assert.True(tril(j, -1).abs().max().item<double>() > 1e-6);        // and the earlier dimensions do reach it
        }
    }

    [Fact]
    public void Flow_Posterior_LogProb_Is_The_Change_Of_Variables_Of_Its_Sample()
    {
        using var scope = NewDisposeScope();
        var made = NewMade(features: 5, width: 16, seed: 6);
        using var g = new Generator(14);
        var q0 = new DiagonalGaussian(Random(g, 2, D), Random(g, 2, D) * 0.5);
        var (h, u, w, b) = (Random(g, 2, 5), Random(g, 2, D), Random(g, 2, D), Random(g, 2, 1));
        var q = new FlowPosterior(q0, [new PlanarStep(u, w, b), new IafStep(made, made.Context(h)), ReverseStep.Instance, new PlanarStep(w, u, b)]);
        using var g1 = new Generator(7);
        var (zK, logQ) = q.SampleWithLogProb(g1);
        using var g2 = new Generator(7);
        var z0 = q0.Sample(g2);                                                 // the same draw of z₀
        for (int i = 0; i < 2; i++)
        {
            // log N(z₀; μ, σ²) by hand, minus log|det| of the whole map's Jacobian for example i
            var (mu, logVar, x0) = (q0.Mean[i], q0.LogVariance![i], z0[i]);
            double logQ0 = (-0.5 * (Math.Log(2 * Math.PI) + logVar + (x0 - mu).square() / logVar.exp())).sum().item<double>();
            var single = new FlowPosterior(new DiagonalGaussian(q0.Mean[i..(i + 1)], q0.LogVariance[i..(i + 1)]),
                [new PlanarStep(u[i..(i + 1)], w[i..(i + 1)], b[i..(i + 1)]), new IafStep(made, made.Context(h[i..(i + 1)])), ReverseStep.Instance,
                 new PlanarStep(w[i..(i + 1)], u[i..(i + 1)], b[i..(i + 1)])]);
            double logDet = LogAbsDet(Jacobian(x => single.Transform(x).Z, z0[i..(i + 1)]));
            Assert.Equal(logQ0 - logDet, logQ[i].item<double>(), 9);
            Assert.True(zK[i].allclose(single.Transform(z0[i..(i + 1)]).Z[0]));
        }
    }

    [Fact]
    public void Flow_Posterior_Draws_K_Samples_With_Their_LogProbs()
    {
        using var scope = NewDisposeScope();
        using var g = new Generator(15);
        var q0 = new DiagonalGaussian(Random(g, 2, D), Random(g, 2, D) * 0.5);
        var step = new PlanarStep(Random(g, 2, D), Random(g, 2, D), Random(g, 2, 1));
        var q = new FlowPosterior(q0, [step]);
        using var g1 = new Generator(8);
        var (z, logQ) = q.SampleWithLogProb(5, g1);
        Assert.Equal([5L, 2, D], z.shape);
        Assert.Equal([5L, 2], logQ.shape);
        using var g2 = new Generator(8);
        var z0 = q0.Sample(5, g2);
        var (zK, logDet) = step.Forward(z0);
        Assert.True(z.allclose(zK));
        Assert.True(logQ.allclose(q0.LogProb(z0) - logDet));
        Assert.Throws<VaeException>(() => q.LogProb(z));
        Assert.False(q.HasClosedFormKl);
    }
}
