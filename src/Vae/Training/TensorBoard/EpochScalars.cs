using Vae.Runs;

namespace Vae.Training.TensorBoard;

/// <summary>The TensorBoard scalar tags of a metrics.jsonl line: every number in it but the epoch and step (the event's step).</summary>
public static class EpochScalars
{
    public static IEnumerable<(string Tag, double Value)> Of(EpochMetrics m)
    {
        yield return ("progress/epoch", m.Epoch);
        yield return ("train/loss", m.TrainLoss);
        yield return ("train/elbo", m.TrainElbo);
        yield return ("train/reconstruction", m.TrainReconstruction);
        yield return ("train/kl", m.TrainKl);
        if (m.TrainKlLibrary is double trainLibrary) yield return ("train/kl_library", trainLibrary);
        foreach (var (name, value) in m.TrainTerms ?? []) yield return ("train/terms/" + name, value);
        if (m.ValElbo is double elbo) yield return ("val/elbo", elbo);
        if (m.ValReconstruction is double reconstruction) yield return ("val/reconstruction", reconstruction);
        if (m.ValKl is double kl) yield return ("val/kl", kl);
        if (m.ValKlLibrary is double valLibrary) yield return ("val/kl_library", valLibrary);
        yield return ("optimizer/learning_rate", m.LearningRate);
        yield return ("optimizer/kl_weight", m.KlWeight);
        yield return ("progress/skipped_steps", m.SkippedSteps);
        yield return ("speed/samples_per_second", m.SamplesPerSecond);
        yield return ("speed/epoch_seconds", m.Seconds);
    }
}
