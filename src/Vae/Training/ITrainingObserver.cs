using Vae.Runs;

namespace Vae.Training;

/// <summary>What a run is about to do.</summary>
public sealed record TrainingStart(
    int FirstEpoch, int Epochs, int BatchesPerEpoch, long TrainCount, int? ValidationCount,
    long Parameters, string Device, int ResumedAtBatch);

/// <summary>Running means over the epoch so far.</summary>
public sealed record BatchProgress(
    int Epoch, int Epochs, int Batch, int Batches, double Loss, double Reconstruction, double Kl, double SamplesPerSecond);

/// <summary>Receives progress from a <see cref="Trainer"/>; progress display, logs and tests implement it.</summary>
public interface ITrainingObserver
{
    void OnStart(TrainingStart start) { }
    void OnBatch(BatchProgress progress) { }
    void OnEpoch(EpochMetrics metrics, bool isBest) { }
    void OnMessage(string message) { }
}
