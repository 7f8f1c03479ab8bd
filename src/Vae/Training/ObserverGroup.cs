using Vae.Runs;

namespace Vae.Training;

/// <summary>Several observers as one (a progress display and a TensorBoard log, say), called in order.</summary>
public sealed class ObserverGroup(params ITrainingObserver?[] observers) : ITrainingObserver
{
    readonly ITrainingObserver[] observers = [.. observers.OfType<ITrainingObserver>()];

    public void OnStart(TrainingStart start) { foreach (var o in observers) o.OnStart(start); }
    public void OnBatch(BatchProgress progress) { foreach (var o in observers) o.OnBatch(progress); }
    public void OnEpoch(EpochMetrics metrics, bool isBest) { foreach (var o in observers) o.OnEpoch(metrics, isBest); }
    public void OnMessage(string message) { foreach (var o in observers) o.OnMessage(message); }
}
