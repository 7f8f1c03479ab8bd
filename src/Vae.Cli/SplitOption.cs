
namespace Vae.Cli;

/// <summary>The `--split` option: one spelling, one meaning, for every verb that reads a split of a run's data.</summary>
public static class SplitOption
{
    public const string Help = "test (default) or train, read as the model is evaluated on it: when the run binarizes its data, binarized once with a fixed seed (the test seed for test, the validation seed for train), the same data on every call; otherwise as it is.";

    public static EvaluationSplit Parse(string text) => text.ToLowerInvariant() switch
    {
        "test" => EvaluationSplit.Test,
        "train" => EvaluationSplit.Train,
        _ => throw new VaeException($"--split: unknown split '{text}'; use test or train."),
    };
}

/// <summary>Options of the verbs that read one split of a model's data.</summary>
public class SplitSettings : ModelSettings
{
    [CommandOption("--split <SPLIT>")]
    [Description(SplitOption.Help)]
    [DefaultValue("test")]
    public string Split { get; init; } = "test";

    /// <summary>The first <paramref name="n"/> examples (all when null) of the split, as <see cref="EvaluationSplits.Load"/> prepares them.</summary>
    public Dataset LoadSplit(RunConfig config, int? n) => EvaluationSplits.Load(config, SplitOption.Parse(Split), n);
}
