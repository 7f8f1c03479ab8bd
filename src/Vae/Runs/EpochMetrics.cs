namespace Vae.Runs;

/// <summary>One line of metrics.jsonl: the means over an epoch, in nats per example.</summary>
public sealed record EpochMetrics
{
    public int Epoch { get; init; }
    public long Step { get; init; }
    public double LearningRate { get; init; }
    /// <summary>The weight on the KL (β times the schedule) at the epoch's last step.</summary>
    public double KlWeight { get; init; } = 1;
    /// <summary>The minimised objective: −log p(x|z) + β·KL, or the β-VAE-family objective in use.</summary>
    public double TrainLoss { get; init; }
    public double TrainElbo { get; init; }
    /// <summary>−E[log p(x|z)], positive.</summary>
    public double TrainReconstruction { get; init; }
    public double TrainKl { get; init; }
    public double? ValElbo { get; init; }
    public double? ValReconstruction { get; init; }
    public double? ValKl { get; init; }
    /// <summary>With a latent library size: the mean KL(q(l|x) ‖ p(l)) (in the loss and the ELBO, not in TrainKl); omitted otherwise.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public double? TrainKlLibrary { get; init; }
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public double? ValKlLibrary { get; init; }
    /// <summary>The objective's own terms over the epoch (e.g. tc for β-TCVAE and FactorVAE), when it has any.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public Dictionary<string, double>? TrainTerms { get; init; }
    /// <summary>Steps skipped so far because of a NaN or infinite value (--on-nan skip).</summary>
    public long SkippedSteps { get; init; }
    public double Seconds { get; init; }
    public double SamplesPerSecond { get; init; }
    /// <summary>Data-parallel runs (mpirun): the number of ranks; absent for one process.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public int? Ranks { get; init; }
    /// <summary>Data-parallel runs: rank 0's seconds in the gradient all-reduce over the epoch (waiting for slower ranks included).</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public double? AllReduceSeconds { get; init; }
}
