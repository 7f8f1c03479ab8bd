namespace Vae.Samplers.TwoStage;

/// <summary>The per-dimension mean and standard deviation of the codes the second stage learned in standardized form (<c>code-scaling.json</c>).</summary>
public sealed record CodeScaling(double[] Mean, double[] StdDev);
