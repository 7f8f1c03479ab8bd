using Vae.Data;
using Vae.Runs;

namespace Vae.Evaluation;

/// <summary>
/// The evaluation sets a run is measured on. When training binarizes pixels, validation and test
/// sets are binarized once, with fixed seeds derived from the data options' split seed, so every
/// evaluation of every model sees the same binary test set.
/// </summary>
public static class EvaluationData
{
    public static int ValidationSeed(DataOptions d) => d.SplitSeed + 1;
    public static int TestSeed(DataOptions d) => d.SplitSeed + 3;

    public static Dataset Validation(RunConfig config, Dataset validation) =>
        config.Data.Binarize == BinarizeMode.None ? validation : validation.Binarized(ValidationSeed(config.Data));

    public static Dataset Test(RunConfig config, Dataset test) =>
        config.Data.Binarize == BinarizeMode.None ? test : test.Binarized(TestSeed(config.Data));

    /// <summary>Loads the test split of a run's data, prepared as above, limited to the first <paramref name="n"/> examples.</summary>
    public static Dataset LoadTest(RunConfig config, int? n = null)
    {
        var (_, test) = DataSources.LoadRaw(config.Data);
        if (test.Shape != config.Model.Input)
            throw new VaeException($"{config.Data.Source}: the test data is {test.Shape} but the model expects {config.Model.Input}.");
        if (n is int limit) test = test.Take(limit);
        return Test(config, test);
    }
}
