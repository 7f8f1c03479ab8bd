using Vae.Applications.Disentanglement;
using static Vae.Tests.Applications.Disentanglement.SyntheticCodes;

namespace Vae.Tests.Applications.Disentanglement;

/// <summary>Every metric on codes whose answer is known: the factors themselves, a rotation, a duplicated and a constant code.</summary>
public class MetricKnownAnswerTests
{
    static readonly FactorValues ThreeFactors = Grid(4, 5, 6);
    static readonly FactorValues TwoFactors = Grid(6, 6);
    static readonly MetricOptions Options = Quick;

    [Fact]
    public void Codes_Equal_To_The_Factors_Score_As_Perfectly_Disentangled()
    {
        var r = Identity(3);
        Assert.True(BetaVaeScore.Compute(ThreeFactors, r, Options).EvalAccuracy >= 0.99);
        var factorVae = FactorVaeScore.Compute(ThreeFactors, r, Options);
        Assert.Equal(1.0, factorVae.EvalAccuracy);
        Assert.Equal(3, factorVae.ActiveDims);
        // 20 bins hold each of ≤ 6 values exactly, so I(z_k; v_k) = H(v_k); the others are plug-in bias
        Assert.InRange(MutualInformationGap.Compute(ThreeFactors, r, Options).Score, 0.99, 1.0);
        var dci = Dci.Compute(ThreeFactors, r, Options);
        Assert.InRange(dci.Disentanglement, 0.97, 1.0);
        Assert.InRange(dci.Completeness, 0.97, 1.0);
        Assert.Equal(1.0, dci.InformativenessTest);
        Assert.InRange(SapScore.Compute(ThreeFactors, r, Options with { SapContinuous = true }).Score, 0.99, 1.0);
        Assert.InRange(Modularity.Compute(ThreeFactors, r, Options).Score, 0.999, 1.0);
    }

    [Fact]
    public void Perfect_Codes_Of_Binary_Factors_Score_One_Half_On_Discrete_Sap()
    {
        // the own code predicts its factor exactly; an unrelated code does no better than chance (1/2)
        var sap = SapScore.Compute(Grid(2, 2, 2), Identity(3), Options);
        Assert.InRange(sap.Score, 0.46, 0.54);
        for (int j = 0; j < 3; j++) Assert.Equal(1.0, sap.Matrix[j * 3 + j]);
    }

    [Fact]
    public void Codes_Rotated_By_45_Degrees_Score_As_Entangled_But_Keep_All_Information()
    {
        var r = Rotation45;
        // fixing either factor changes both codes equally: the classifiers are at chance (1/2)
        Assert.InRange(BetaVaeScore.Compute(TwoFactors, r, Options).EvalAccuracy, 0.42, 0.58);
        Assert.InRange(FactorVaeScore.Compute(TwoFactors, r, Options).EvalAccuracy, 0.42, 0.58);
        Assert.InRange(MutualInformationGap.Compute(TwoFactors, r, Options).Score, 0, 0.08);
        var dci = Dci.Compute(TwoFactors, r, Options);
        Assert.InRange(dci.Disentanglement, 0, 0.15);
        Assert.InRange(dci.Completeness, 0, 0.15);
        Assert.True(dci.InformativenessTest >= 0.97, $"informativeness {dci.InformativenessTest}");
        Assert.InRange(SapScore.Compute(TwoFactors, r, Options with { SapContinuous = true }).Score, 0, 0.05);
        Assert.InRange(Modularity.Compute(TwoFactors, r, Options).Score, 0, 0.1);
    }

    [Fact]
    public void A_Random_Rotation_Lowers_The_Information_Metrics_But_Not_The_Vote_Classifiers()
    {
        var identity = DisentanglementMetrics.Evaluate(ThreeFactors, Identity(3), Options);
        var rotated = DisentanglementMetrics.Evaluate(ThreeFactors, Representations.Linear(Representations.RandomRotation(3, 5)), Options);
        string both = $"rotated {rotated}, identity {identity}";
        Assert.True(rotated.Mig < identity.Mig - 0.3, both);
        Assert.True(rotated.DciDisentanglement < identity.DciDisentanglement - 0.3, both);
        Assert.True(rotated.DciCompleteness < identity.DciCompleteness - 0.3, both);
        Assert.True(rotated.Modularity < identity.Modularity - 0.1, both);
        Assert.True(rotated.DciInformativeness >= 0.95, both);
        // A generic rotation still leaves, for each fixed factor, one code that varies least (FactorVAE)
        // and a linearly separable pattern of |Δz| (BetaVAE): both scores stay at the top, the
        // weakness of these two metrics that the 45° rotation above exposes.
        Assert.True(rotated.FactorVae >= 0.9 && rotated.BetaVae >= 0.9, both);
    }

    [Fact]
    public void A_Duplicated_Code_Halves_The_Gap_Metrics_But_Not_Modularity()
    {
        var r = Duplicated;
        // factor 1 has two equally informative codes (gap 0), factor 2 one (gap 1): mean 1/2
        Assert.InRange(MutualInformationGap.Compute(TwoFactors, r, Options).Score, 0.48, 0.52);
        Assert.InRange(SapScore.Compute(TwoFactors, r, Options with { SapContinuous = true }).Score, 0.49, 0.51);
        Assert.InRange(Modularity.Compute(TwoFactors, r, Options).Score, 0.999, 1.0);
        var factorVae = FactorVaeScore.Compute(TwoFactors, r, Options);
        Assert.Equal(1.0, factorVae.EvalAccuracy);
        Assert.True(BetaVaeScore.Compute(TwoFactors, r, Options).EvalAccuracy >= 0.99);
        var dci = Dci.Compute(TwoFactors, r, Options);
        Assert.InRange(dci.Disentanglement, 0.97, 1.0);   // each code serves one factor
        Assert.Equal(1.0, dci.InformativenessTest);
    }

    [Fact]
    public void A_Constant_Code_Is_Ignored_By_Every_Metric_Except_Modularity()
    {
        var r = Constant;
        var factorVae = FactorVaeScore.Compute(TwoFactors, r, Options);
        Assert.Equal(2, factorVae.ActiveDims);   // pruned: its standard deviation is below 0.05
        Assert.Equal(1.0, factorVae.EvalAccuracy);
        Assert.True(BetaVaeScore.Compute(TwoFactors, r, Options).EvalAccuracy >= 0.99);
        Assert.InRange(MutualInformationGap.Compute(TwoFactors, r, Options).Score, 0.99, 1.0);
        var dci = Dci.Compute(TwoFactors, r, Options);
        Assert.InRange(dci.Disentanglement, 0.97, 1.0);
        Assert.InRange(dci.Completeness, 0.97, 1.0);
        Assert.Equal(0.0, dci.Importance[2 * 2 + 0] + dci.Importance[2 * 2 + 1]);
        Assert.InRange(SapScore.Compute(TwoFactors, r, Options with { SapContinuous = true }).Score, 0.99, 1.0);
        // modularity averages over codes and gives an uninformative code 0: (1 + 1 + 0) / 3
        var modularity = Modularity.Compute(TwoFactors, r, Options);
        Assert.Equal(0.0, modularity.PerCode[2]);
        Assert.InRange(modularity.Score, 2.0 / 3 - 0.001, 2.0 / 3);
    }
}
