namespace Vae.Applications.Disentanglement;

/// <summary>Which gradient-boosted trees give DCI its importances.</summary>
public enum DciTrees
{
    /// <summary>scikit-learn's GradientBoostingClassifier algorithm, as disentanglement_lib uses (<see cref="GradientBoosting"/>).</summary>
    GradientBoosting,
    /// <summary>ML.NET's FastTree, one-vs-rest (<see cref="FastTreeClassifier"/>); not comparable with disentanglement_lib.</summary>
    FastTree,
}
