namespace Vae.Tests.Applications.Robotics;

/// <summary>
/// Runs a test with one libtorch thread and restores the previous count afterwards. Small models on
/// a busy machine run many times faster single-threaded (a dynamics test: 9 s against 173 s).
/// </summary>
public sealed class OneTorchThread : IDisposable
{
    private readonly int previous = TorchSharp.torch.get_num_threads();

    public OneTorchThread() => TorchSharp.torch.set_num_threads(1);

    public void Dispose() => TorchSharp.torch.set_num_threads(previous);
}
