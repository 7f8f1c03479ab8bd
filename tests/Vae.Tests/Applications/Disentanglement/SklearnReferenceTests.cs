using Vae.Applications.Disentanglement;
using Vae.Tests.Applications.Disentanglement.Reference;

namespace Vae.Tests.Applications.Disentanglement;

/// <summary>
/// The metrics on the same codes as an independent implementation: disentanglement_lib's formulas
/// with numpy, scipy and scikit-learn (Reference/make_reference.py wrote the values).
/// </summary>
public class SklearnReferenceTests
{
    static readonly CodeSample Train = new(SklearnReference.TrainCodes, SklearnReference.Codes, SklearnReference.TrainFactors, 3);
    static readonly CodeSample Test = new(SklearnReference.TestCodes, SklearnReference.Codes, SklearnReference.TestFactors, 3);

    [Fact]
    public void Mig_And_Modularity_Equal_The_Reference()
    {
        Assert.Equal(SklearnReference.Mig, MutualInformationGap.Score(Train, 20).Score, 12);
        Assert.Equal(SklearnReference.Modularity, Modularity.Score(Train, 20).Score, 12);
    }

    [Fact]
    public void Continuous_Sap_Equals_The_Reference_And_Discrete_Sap_Is_Within_A_Few_Predictions()
    {
        Assert.Equal(SklearnReference.SapContinuous, SapScore.Score(Train, Test, SklearnReference.FactorSizes, continuous: true).Score, 12);
        var discrete = SapScore.Score(Train, Test, SklearnReference.FactorSizes, continuous: false);
        for (int i = 0; i < discrete.Matrix.Length; i++)
            Assert.True(Math.Abs(discrete.Matrix[i] - SklearnReference.SapMatrix[i]) <= 2.0 / SklearnReference.Test,
                $"cell {i}: {discrete.Matrix[i]} vs liblinear's {SklearnReference.SapMatrix[i]}");
        Assert.Equal(SklearnReference.SapDiscrete, discrete.Score, 2);
    }

    [Fact]
    public void Logistic_Regression_Predicts_Like_Sklearn()
    {
        var model = LogisticRegression.Fit(Train.Codes, 4, Train.Factor(2), SklearnReference.FactorSizes[2]);
        Assert.Equal(SklearnReference.LogisticTestAccuracy, model.Accuracy(Test.Codes, Test.Factor(2)), 2);
    }

    [Fact]
    public void Dci_Equals_The_Reference_Computed_With_Sklearns_Gradient_Boosting()
    {
        var dci = Dci.Score(Train, Test, SklearnReference.FactorSizes, MetricOptions.Default);
        // Only equally good splits on different features are decided by chance (sklearn's random
        // feature order; disentanglement_lib does not seed it): the importances agree closely, the
        // predictions exactly.
        double worst = dci.Importance.Zip(SklearnReference.DciImportance, (a, b) => Math.Abs(a - b)).Max();
        Assert.True(worst < 0.01, $"largest importance difference {worst}: {string.Join(" ", dci.Importance.Select(v => v.ToString("F4")))}");
        Assert.True(Math.Abs(dci.Disentanglement - SklearnReference.DciDisentanglement) < 0.002, $"D {dci.Disentanglement}");
        Assert.True(Math.Abs(dci.Completeness - SklearnReference.DciCompleteness) < 0.002, $"C {dci.Completeness}");
        Assert.Equal(SklearnReference.DciInformativenessTrain, dci.InformativenessTrain, 12);
        Assert.Equal(SklearnReference.DciInformativenessTest, dci.InformativenessTest, 12);
    }

    [Fact]
    public void Dci_From_FastTree_Predicts_As_Well_But_Spreads_Its_Importance()
    {
        // FastTree's split gains credit the noise code far more than sklearn's impurity decreases:
        // same informativeness, much lower disentanglement and completeness (why it is not the default)
        var dci = Dci.Score(Train, Test, SklearnReference.FactorSizes, MetricOptions.Default with { DciTrees = DciTrees.FastTree, Trees = 10 });
        Assert.True(Math.Abs(dci.InformativenessTest - SklearnReference.DciInformativenessTest) < 0.05, $"I {dci.InformativenessTest}");
        Assert.True(dci.Disentanglement < SklearnReference.DciDisentanglement / 2, $"D {dci.Disentanglement}");
        Assert.True(dci.Completeness < SklearnReference.DciCompleteness / 2, $"C {dci.Completeness}");
    }
}
