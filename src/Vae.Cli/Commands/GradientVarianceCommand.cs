

namespace Vae.Cli.Commands;

public sealed class GradientVarianceSettings : ModelSettings
{
    [CommandOption("--batch-size <B>")]
    [Description("Examples in the batch (the first B test examples; default 128).")]
    [DefaultValue(128)]
    public int BatchSize { get; init; } = 128;

    [CommandOption("--repetitions <R>")]
    [Description("Independent single-sample estimates of each kind (default 200).")]
    [DefaultValue(200)]
    public int Repetitions { get; init; } = 200;

    [CommandOption("--seed <S>")]
    [Description("Seed of the samples (default 0).")]
    public int Seed { get; init; }

    [CommandOption("--json")]
    [Description("Print one JSON object: reparameterization_variance, score_function_variance, ratio, mean_distance, mean_distance_se, parameters, repetitions.")]
    public bool Json { get; init; }
}

[Description("Variance of the ELBO gradient with respect to the encoder's parameters: reparameterization against the score-function (REINFORCE) estimator, on the same model and batch.")]
public sealed class GradientVarianceCommand(CliConsole console) : Command<GradientVarianceSettings>
{
    public override int Execute(CommandContext context, GradientVarianceSettings s, CancellationToken cancel)
    {
        if (s.BatchSize < 1) throw new VaeException($"--batch-size {s.BatchSize}: must be ≥ 1.");
        var device = s.Setup();
        using var loaded = ModelFolder.Load(s.ModelDir, device);
        var test = EvaluationData.LoadTest(loaded.Config, s.BatchSize);
        var r = GradientEstimators.Compare(loaded.Model, test.ToBatch(device), s.Repetitions, s.Seed);
        if (s.Json)
        {
            console.WriteJson(GradientVarianceResult.From(r));
            return ExitCodes.Ok;
        }
        console.WriteLine($"{s.ModelDir}: gradient of the ELBO of {test.Count} test examples w.r.t. {r.Parameters:N0} encoder parameters, {r.Repetitions} single-sample estimates of each kind");
        console.WriteLine($"  total variance, reparameterization   {r.ReparameterizationVariance,14:G4}   (|mean gradient| {r.ReparameterizationNorm:G4})");
        console.WriteLine($"  total variance, score function       {r.ScoreFunctionVariance,14:G4}");
        console.WriteLine($"  ratio score / reparameterization     {r.Ratio,14:G4}");
        console.WriteLine($"  |mean difference| {r.MeanDistance:G4} (expected {r.MeanDistanceStandardError:G4} from sampling alone: both estimators are unbiased)");
        return ExitCodes.Ok;
    }
}
