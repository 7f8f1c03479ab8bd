using Vae.Data;
using Vae.Runs;

namespace Vae.Evaluation;

/// <summary>Which split of a run's data an evaluation reads (`--split` of the verbs).</summary>
public enum EvaluationSplit { Test, Train }

/// <summary>
/// One meaning of a split for every verb: the split as the model is evaluated on it. When the run
/// binarizes its data, the split is binarized once with a fixed seed (the test seed for the test
/// split, the validation seed for the training split; see <see cref="EvaluationData"/>), so it is
/// the same binary data on every call and of the kind the likelihood scores; otherwise it is the data as it is.
/// </summary>
public static class EvaluationSplits
{
    /// <summary>The first <paramref name="n"/> examples (all when null) of <paramref name="split"/>, prepared as above.</summary>
    public static Dataset Load(RunConfig config, EvaluationSplit split, int? n = null) => split switch
    {
        EvaluationSplit.Test => EvaluationData.LoadTest(config, n),
        EvaluationSplit.Train => EvaluationData.Validation(config, DataSources.LoadRaw(config.Data).Train.Take(n ?? int.MaxValue)),
        _ => throw new ArgumentOutOfRangeException(nameof(split), split, "not a split"),
    };
}
