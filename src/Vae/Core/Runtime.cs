using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Vae;

/// <summary>
/// Process settings made when the library loads, before libtorch does.
/// <para>
/// OMP_WAIT_POLICY=PASSIVE: libtorch's OpenMP threads otherwise spin while waiting for work. On a
/// machine whose cores are all busy (other jobs, other processes) spinning threads steal the time the
/// working ones need; measured here with the machine oversubscribed, one epoch of the reference model
/// ran at 78 examples/s with the default policy and at 5,356 examples/s with PASSIVE. A value the user
/// set is kept. (Set through libc's setenv: .NET's Environment.SetEnvironmentVariable does not reach
/// native code on Linux.)
/// </para>
/// <para>
/// glibc's allocator (Linux): libtorch allocates every activation and gradient afresh, and glibc serves
/// blocks above its mmap threshold with mmap, unmaps them on free and trims the heap top back to the
/// kernel; each new tensor then costs page faults that zero its pages again. For the 64×64 conv VAE at
/// batch 64 (one epoch of 19,000 images, --threads 1) that was 13 of 49 s in the kernel. Raising the
/// mmap threshold to 1 GiB and the trim threshold to 2 GiB, with a 256 MiB top pad, keeps freed blocks
/// in the process for the next batch: the epoch took 35 s (1.1 s in the kernel), and a FactorVAE score
/// 17.8 s instead of 27.1 s (measured with /usr/bin/time; the numbers are in issue 5's note and the
/// README's troubleshooting). The cost is that the process keeps its peak heap instead of returning it
/// between batches. Skipped when the user set any MALLOC_*_ variable or GLIBC_TUNABLES.
/// </para>
/// </summary>
public static partial class Runtime
{
#pragma warning disable CA2255 // a library-level process setting that must precede libtorch's loading: the documented use of a module initializer
    [ModuleInitializer]
    internal static void Initialize()
    {
        if (!OperatingSystem.IsLinux()) return;
        try
        {
            if (Environment.GetEnvironmentVariable("OMP_WAIT_POLICY") is null) OmpPassiveSet = SetEnv("OMP_WAIT_POLICY", "PASSIVE", 0) == 0;
            if (!UserTunedAllocator()) KeepFreedMemory();
        }
        catch (DllNotFoundException) { }
        catch (EntryPointNotFoundException) { }
    }

    /// <summary>True when the allocator settings above are in force in this process (Linux, glibc, not overridden).</summary>
    public static bool AllocatorTuned { get; private set; }

    /// <summary>True when the library set OMP_WAIT_POLICY=PASSIVE (invisible to .NET's Environment, see above).</summary>
    public static bool OmpPassiveSet { get; private set; }

    /// <summary>The process settings in force, for benchmark and experiment pages.</summary>
    public static string Describe() =>
        $"OMP_WAIT_POLICY={(OmpPassiveSet ? "PASSIVE (set by the library)" : Environment.GetEnvironmentVariable("OMP_WAIT_POLICY") ?? "(unset)")}; glibc allocator "
        + (AllocatorTuned ? "keeps freed memory (mmap threshold 1 GiB, trim threshold 2 GiB, top pad 256 MiB)" : "at its defaults or the user's settings")
        + "; " + DescribeConvolutions();

    private const int MallocTrimThreshold = -1, MallocTopPad = -2, MallocMmapThreshold = -3;

    private static void KeepFreedMemory()
    {
        // musl's mallopt is a stub returning 0; glibc returns 1 for each accepted setting.
        AllocatorTuned = MallOpt(MallocMmapThreshold, 1 << 30) == 1
            & MallOpt(MallocTrimThreshold, int.MaxValue) == 1
            & MallOpt(MallocTopPad, 256 << 20) == 1;
    }

    private static bool UserTunedAllocator()
    {
        if (Environment.GetEnvironmentVariable("GLIBC_TUNABLES") is not null) return true;
        foreach (System.Collections.DictionaryEntry e in Environment.GetEnvironmentVariables())
            if (e.Key is string k && k.StartsWith("MALLOC_", StringComparison.Ordinal) && k.EndsWith('_')) return true;
        return false;
    }
#pragma warning restore CA2255

    /// <summary>
    /// A gen-0 collection, made every few training steps. TorchSharp's operators leave the <c>Scalar</c>s they convert
    /// implicitly (<c>x + 1</c>, <c>clamp(a, b)</c>) to the finalizer (dotnet/TorchSharp#1434); a step allocates so little
    /// managed memory that no collection would otherwise run, and their small native blocks, left among the freed
    /// activations, fragment glibc's heap, which then grows through the first epochs (NB count VAE: 642 MB after 300 steps
    /// against 567 MB with a gen-0 collection every 8 steps; bench/run families-profile with RSS logged, 2026-12-06).
    /// </summary>
    public static void CollectStepGarbage() => GC.Collect(0, GCCollectionMode.Forced, blocking: true);

    /// <summary>
    /// A full compacting collection before a long loop: gives back the managed memory that reading the data left behind
    /// (a sparse matrix densified, a parsed file: 57 MB for the 20,000-cell h5ad file), since the loop itself allocates too
    /// little managed memory for the runtime to collect it.
    /// </summary>
    public static void ReleaseLoadingGarbage() => GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);

    /// <summary>
    /// Hands the whole pages inside [start, start + bytes) back to the kernel (Linux: madvise MADV_DONTNEED), which
    /// then reads as zeros; the partial pages at either end are kept. Does nothing on other systems.
    /// </summary>
    internal static void ReleasePages(nint start, long bytes)
    {
        if (!OperatingSystem.IsLinux() || bytes <= 0) return;
        long page = Environment.SystemPageSize;
        long from = (start + page - 1) / page * page, to = (start + bytes) / page * page;
        if (to <= from) return;
        try { MAdvise((nint)from, (nuint)(to - from), MadvDontNeed); }
        catch (DllNotFoundException) { }
        catch (EntryPointNotFoundException) { }
    }

    private const int MadvDontNeed = 4;

    [LibraryImport("libc", EntryPoint = "madvise")]
    private static partial int MAdvise(nint address, nuint length, int advice);

    [LibraryImport("libc", EntryPoint = "mallopt")]
    private static partial int MallOpt(int parameter, int value);

    [LibraryImport("libc", EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int SetEnv(string name, string value, int overwrite);
}
