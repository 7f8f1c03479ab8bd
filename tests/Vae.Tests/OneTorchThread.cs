using TorchSharp;

namespace Vae.Tests;

/// <summary>
/// Runs libtorch on one intra-op thread until disposed. Small models on a busy machine run many times faster
/// single-threaded (a dynamics test: 9 s against 173 s; a GRU training step about 14× faster). The setting is
/// process-wide, and a float32 sum rounds differently with another thread count, so every test that changes it
/// is in the <see cref="ProcessWide"/> collection, which runs alone.
/// </summary>
public sealed class OneTorchThread : IDisposable
{
    private readonly int before = torch.get_num_threads();

    public OneTorchThread() => torch.set_num_threads(1);

    public void Dispose() => torch.set_num_threads(before);
}

/// <summary>
/// Tests that change process-wide libtorch state (the thread count, through <see cref="OneTorchThread"/> or a
/// verb's --threads; the global generator, through manual_seed). The rest of the suite runs in parallel; these
/// run by themselves, so no other test sees their settings change under it.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessWide
{
    public const string Name = "Process-wide libtorch settings";
}
