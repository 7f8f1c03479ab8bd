using TorchSharp;

namespace Vae.Tests.Applications.Chemistry;

/// <summary>
/// Runs libtorch on one intra-op thread until disposed. The sequence models' tensors are tiny, so a
/// second thread saves nothing, and on a loaded machine its synchronisation stalls every operation
/// (a GRU training step measured about 14× slower with two threads than with one). The setting is
/// process-wide: tests running meanwhile only change speed, not results.
/// </summary>
public sealed class OneTorchThread : IDisposable
{
    private readonly int before = torch.get_num_threads();

    public OneTorchThread() => torch.set_num_threads(1);

    public void Dispose() => torch.set_num_threads(before);
}
