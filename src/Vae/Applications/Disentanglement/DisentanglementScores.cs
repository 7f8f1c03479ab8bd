namespace Vae.Applications.Disentanglement;

/// <summary>
/// The headline number of each metric (null when it was not computed). Serialised with the
/// project's snake_case JSON: beta_vae, factor_vae, mig, dci_disentanglement, dci_completeness,
/// dci_informativeness, sap, modularity. beta_vae and factor_vae are evaluation accuracies;
/// dci_informativeness is the mean test accuracy of the tree classifiers.
/// </summary>
public sealed record DisentanglementScores
{
    public double? BetaVae { get; init; }
    public double? FactorVae { get; init; }
    public double? Mig { get; init; }
    public double? DciDisentanglement { get; init; }
    public double? DciCompleteness { get; init; }
    public double? DciInformativeness { get; init; }
    public double? Sap { get; init; }
    public double? Modularity { get; init; }
}
