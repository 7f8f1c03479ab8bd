using Vae.Distributions;
using Vae.Models;
using Vae.Objectives;
using static TorchSharp.torch;

namespace Vae.Tests.Objectives;

public class DipVaeTests
{
    // μ rows (1, 0), (0, 1), (−1, −1): mean 0, Cov[μ] = [[2/3, 1/3], [1/3, 2/3]] (dividing by M = 3);
    // σ² = (0.5, 1) for every row, so E[Σ(x)] = diag(0.5, 1) and Cov_q(z) = [[7/6, 1/3], [1/3, 5/3]].
    static readonly float[] Mu = [1, 0, 0, 1, -1, -1];

    static ElboTerms Terms(Posterior q) => new(zeros(3), q.KlToStandardNormal(), q.KlToStandardNormalPerDim(), q, q.Mean);

    static DiagonalGaussian Posterior() =>
        new(tensor(Mu, [3, 2]), tensor(new float[] { MathF.Log(0.5f), 0, MathF.Log(0.5f), 0, MathF.Log(0.5f), 0 }, [3, 2]));

    static ObjectiveValue Evaluate(ObjectiveKind kind, ElboTerms terms, double? diagonal = null) =>
        Objective.Create(ObjectiveOptions.Elbo with { Disentangling = new DisentanglingOptions { Kind = kind, DipOffDiagonal = 10, DipDiagonal = diagonal } },
            TestModels.SmallMlp(latent: 2), datasetSize: 100, seed: 1).Evaluate(terms, new TrainingClock(0, 1, 1));

    [Fact]
    public void Dip_Vae_I_Penalty_Equals_The_Hand_Computation()
    {
        using var scope = NewDisposeScope();
        var terms = Terms(Posterior());
        // λ_od = 10 on 2·(1/3)², λ_d = 10·λ_od = 100 on 2·(2/3 − 1)²: 20/9 + 200/9
        var value = Evaluate(ObjectiveKind.DipVaeI, terms);
        Assert.Equal(220.0 / 9, value.Terms[0].item<float>(), 4);
        Assert.Equal(220.0 / 9 + terms.Kl.mean().item<float>(), value.Loss.item<float>(), 4);   // log p(x|z) = 0 here
        Assert.Equal(10 * 2.0 / 9 + 1 * 2.0 / 9, Evaluate(ObjectiveKind.DipVaeI, terms, diagonal: 1).Terms[0].item<float>(), 4);
    }

    [Fact]
    public void Dip_Vae_II_Penalty_Adds_The_Mean_Posterior_Covariance()
    {
        using var scope = NewDisposeScope();
        var terms = Terms(Posterior());
        // λ_od = λ_d = 10: 10·2·(1/3)² + 10·((7/6 − 1)² + (5/3 − 1)²) = 20/9 + 85/18
        Assert.Equal(125.0 / 18, Evaluate(ObjectiveKind.DipVaeII, terms).Terms[0].item<float>(), 4);
        var cov = DipVaeObjective.Covariance(terms.Posterior, aggregate: true);
        Assert.True(cov.allclose(tensor(new float[] { 7f / 6, 1f / 3, 1f / 3, 5f / 3 }, [2, 2]), rtol: 1e-5, atol: 1e-6));
    }

    [Fact]
    public void A_Full_Covariance_Posterior_With_Diagonal_Scale_Gives_The_Same_Aggregate_Covariance()
    {
        using var scope = NewDisposeScope();
        var diagonal = Posterior();
        var full = new FullCovarianceGaussian(diagonal.Mean, diag_embed(diagonal.StdDev));
        Assert.True(DipVaeObjective.Covariance(full, aggregate: true).allclose(DipVaeObjective.Covariance(diagonal, aggregate: true), rtol: 1e-5, atol: 1e-6));
    }
}
