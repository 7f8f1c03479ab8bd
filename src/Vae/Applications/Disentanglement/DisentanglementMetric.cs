namespace Vae.Applications.Disentanglement;

/// <summary>The metrics <see cref="DisentanglementMetrics"/> computes (DCI gives three numbers).</summary>
public enum DisentanglementMetric { BetaVae, FactorVae, Mig, Dci, Sap, Modularity }
