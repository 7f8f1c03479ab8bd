namespace Vae.Applications.Disentanglement;

/// <summary>
/// Sampling sizes of the metrics. The defaults are disentanglement_lib's
/// (config/unsupervised_study_v1/metric_configs, as used by Locatello et al. 2019), and every metric
/// starts its own random draws from <see cref="Seed"/> (their evaluation.random_seed = 0).
/// </summary>
public sealed record MetricOptions
{
    /// <summary>Observations per BetaVAE / FactorVAE training point (both 64).</summary>
    public int BatchSize { get; init => field = Positive(value, nameof(BatchSize)); } = 64;

    /// <summary>Training points of the BetaVAE and FactorVAE classifiers (10,000).</summary>
    public int VoteTrain { get; init => field = Positive(value, nameof(VoteTrain)); } = 10_000;

    /// <summary>Evaluation points of the BetaVAE and FactorVAE classifiers (5,000).</summary>
    public int VoteEval { get; init => field = Positive(value, nameof(VoteEval)); } = 5_000;

    /// <summary>Observations for FactorVAE's global variance of each code (10,000).</summary>
    public int VarianceSamples { get; init => field = Positive(value, nameof(VarianceSamples)); } = 10_000;

    /// <summary>FactorVAE ignores codes whose global standard deviation is below this (collapsed to the prior; 0.05).</summary>
    public double PruneThreshold { get; init => field = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(PruneThreshold), value, "must be ≥ 0."); } = 0.05;

    /// <summary>Training samples of MIG, DCI, SAP and modularity (10,000).</summary>
    public int Train { get; init => field = Positive(value, nameof(Train)); } = 10_000;

    /// <summary>Test samples of DCI and SAP (5,000).</summary>
    public int Test { get; init => field = Positive(value, nameof(Test)); } = 5_000;

    /// <summary>Equal-width bins per code for MIG and modularity (20).</summary>
    public int Bins { get; init => field = value >= 2 ? value : throw new ArgumentOutOfRangeException(nameof(Bins), value, "must be ≥ 2."); } = 20;

    /// <summary>SAP with factors as continuous (R² of each code with each factor) instead of discrete (a linear SVM's accuracy); false, as in Locatello et al.</summary>
    public bool SapContinuous { get; init; }

    /// <summary>DCI's gradient-boosted trees: the algorithm, stages, depth, learning rate and examples per leaf (sklearn's GradientBoostingClassifier defaults: 100, 3, 0.1, 1).</summary>
    public DciTrees DciTrees { get; init; } = DciTrees.GradientBoosting;
    public int Trees { get; init => field = Positive(value, nameof(Trees)); } = 100;
    public int TreeDepth { get; init => field = value is >= 1 and <= 10 ? value : throw new ArgumentOutOfRangeException(nameof(TreeDepth), value, "must be in 1 … 10."); } = 3;
    public double LearningRate { get; init => field = value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(LearningRate), value, "must be > 0."); } = 0.1;
    public int MinLeafExamples { get; init => field = Positive(value, nameof(MinLeafExamples)); } = 1;

    public int Seed { get; init; }

    public static MetricOptions Default { get; } = new();

    /// <summary>Every sample size (not the batch size) multiplied by <paramref name="factor"/>, at least 10: for quick looks.</summary>
    public MetricOptions Scaled(double factor)
    {
        if (!(factor > 0)) throw new ArgumentOutOfRangeException(nameof(factor), factor, "must be > 0.");
        int S(int n) => Math.Max(10, (int)Math.Round(n * factor));
        return this with { VoteTrain = S(VoteTrain), VoteEval = S(VoteEval), VarianceSamples = S(VarianceSamples), Train = S(Train), Test = S(Test) };
    }

    static int Positive(int value, string name) => value >= 1 ? value : throw new ArgumentOutOfRangeException(name, value, "must be ≥ 1.");
}
