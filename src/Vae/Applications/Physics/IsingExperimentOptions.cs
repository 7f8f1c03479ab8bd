namespace Vae.Applications.Physics;

/// <summary>
/// The end-to-end experiment: validate the simulation, then for each lattice size simulate a
/// temperature grid, train a VAE on all of it, and analyse. The defaults keep a run to about
/// 10–15 minutes on 2 CPU cores (most of it training the L = 64 model).
/// </summary>
public sealed record IsingExperimentOptions
{
    public IReadOnlyList<int> Sizes { get; init => field = value is { Count: > 0 } && value.All(l => l is >= 4 and <= 256) ? value : throw new VaeException("--sizes: give one or more lattice sizes between 4 and 256."); } = [16, 32, 64];

    /// <summary>The grid, both phases: 1.0 to 3.5 in steps of 0.05 (51 temperatures).</summary>
    public IReadOnlyList<double> Temperatures { get; init; } = IsingSimulationOptions.ParseTemperatures("1.0:3.5:0.05");

    /// <summary>Configurations per temperature and size (a fifth of them form the test split the analysis uses).</summary>
    public int Samples { get; init => field = value >= 10 ? value : throw new VaeException($"--samples {value}: must be ≥ 10."); } = 300;

    public IsingAlgorithm Algorithm { get; init; } = IsingAlgorithm.Wolff;

    /// <summary>The VAE: MLP L²–Hidden–Latent, ReLU, Bernoulli likelihood on the spins (no binarization: they are 0/1 already).</summary>
    public int Latent { get; init => field = value >= 1 ? value : throw new VaeException($"--latent {value}: must be ≥ 1."); } = 2;
    public int[] Hidden { get; init; } = [256];
    public int Epochs { get; init => field = value >= 1 ? value : throw new VaeException($"--epochs {value}: must be ≥ 1."); } = 20;
    public int BatchSize { get; init => field = value >= 1 ? value : throw new VaeException($"--batch-size {value}: must be ≥ 1."); } = 128;
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>Share of the training configurations held out for validation (the best epoch on it is kept).</summary>
    public double ValidationFraction { get; init => field = value is >= 0 and < 0.5 ? value : throw new VaeException($"--val-fraction {value}: must be in [0, 0.5)."); } = 0.1;

    public int Seed { get; init; } = 1;

    /// <summary>The validation of the simulation against exact results, at the largest size.</summary>
    public IReadOnlyList<double> ValidationTemperatures { get; init; } = [1.5, 1.8, 2.0, 2.1, 2.2, 2.269, 2.4, 2.6, 3.0, 3.5];
    public int ValidationSamples { get; init => field = value >= 10 ? value : throw new VaeException($"--validation-samples {value}: must be ≥ 10."); } = 2000;

    /// <summary>Metropolis is also validated, away from T_c where its autocorrelation times stay manageable.</summary>
    public IReadOnlyList<double> MetropolisValidationTemperatures { get; init; } = [1.5, 2.0, 3.0, 3.5];

    public PhaseTransitionAnalysisOptions Analysis { get; init; } = PhaseTransitionAnalysisOptions.Default;
}
