namespace Vae.Cli.Results;

/// <summary>The `vae fa --json` object: mean log-likelihoods per example (nats) of factor analysis and probabilistic PCA.</summary>
public sealed record FactorAnalysisResult(
    double Loglik, int Iterations, double TestLoglik, double PpcaLoglik, double PpcaTestLoglik, int N, int NTest, int D, int K);
