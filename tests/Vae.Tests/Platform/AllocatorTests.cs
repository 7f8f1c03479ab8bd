using System.Runtime.InteropServices;

namespace Vae.Tests.Platform;

/// <summary>
/// The library's glibc allocator setting (Vae.Runtime): freed blocks stay in the process, so a block
/// allocated, written and freed again and again faults its pages in once, not on every round, as
/// libtorch's per-batch activations do.
/// </summary>
public sealed partial class AllocatorTests
{
    [Fact]
    public void Freed_Large_Blocks_Are_Reused_Without_New_Page_Faults()
    {
        if (!OperatingSystem.IsLinux()) return;
        if (!GlibcWithoutUserSettings()) { Assert.False(Runtime.AllocatorTuned); return; } // the user's settings (or musl) win
        _ = Runtime.Describe(); // the library's module initializer has run
        Assert.True(Runtime.AllocatorTuned);

        // One "training step": 24 blocks of 4 MiB (a batch's activations and gradients), all freed at its end.
        const int blocks = 24, bytes = 4 << 20;
        const long pagesPerRound = (long)blocks * bytes / 4096;
        Round(blocks, bytes);                 // the first round faults its pages in
        long before = ThreadMinorFaults();
        const int rounds = 20;
        for (int i = 0; i < rounds; i++) Round(blocks, bytes);
        long faults = ThreadMinorFaults() - before;
        // glibc's defaults return the freed 96 MiB to the kernel at the end of every round and fault it
        // in again in the next: about rounds × pagesPerRound faults.
        Assert.True(faults < pagesPerRound, $"{faults} page faults in {rounds} rounds of {blocks} × {bytes >> 20} MiB (one round's pages: {pagesPerRound})");
    }

    [Fact]
    public void Describe_Names_The_Settings_In_Force()
    {
        string d = Runtime.Describe();
        Assert.Contains("OMP_WAIT_POLICY=", d);
        if (OperatingSystem.IsLinux() && Environment.GetEnvironmentVariable("OMP_WAIT_POLICY") is null) Assert.Contains("PASSIVE (set by the library)", d);
        Assert.Contains(Runtime.AllocatorTuned ? "keeps freed memory" : "defaults", d);
    }

    private static unsafe void Round(int blocks, int bytes)
    {
        var p = new IntPtr[blocks];
        for (int i = 0; i < blocks; i++)
        {
            p[i] = (IntPtr)NativeMemory.Alloc((nuint)bytes);
            NativeMemory.Fill((void*)p[i], (nuint)bytes, 1);
        }
        for (int i = blocks - 1; i >= 0; i--) NativeMemory.Free((void*)p[i]);
    }

    private static bool GlibcWithoutUserSettings()
    {
        if (Environment.GetEnvironmentVariable("GLIBC_TUNABLES") is not null) return false;
        foreach (System.Collections.DictionaryEntry e in Environment.GetEnvironmentVariables())
            if (e.Key is string k && k.StartsWith("MALLOC_", StringComparison.Ordinal) && k.EndsWith('_')) return false; // MALLOC_MMAP_THRESHOLD_ etc.
        try { return GnuGetLibcVersion() is not null; }
        catch (EntryPointNotFoundException) { return false; } // musl
    }

    /// <summary>Minor page faults of the calling thread (/proc/self/task/&lt;tid&gt;/stat, field 10).</summary>
    private static long ThreadMinorFaults()
    {
        string stat = File.ReadAllText($"/proc/self/task/{GetTid()}/stat");
        string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return long.Parse(fields[7], System.Globalization.CultureInfo.InvariantCulture); // fields[0] is field 3 (state)
    }

    [LibraryImport("libc", EntryPoint = "gettid")]
    private static partial int GetTid();

    [LibraryImport("libc", EntryPoint = "gnu_get_libc_version")]
    private static partial IntPtr GnuGetLibcVersionPtr();

    private static string? GnuGetLibcVersion() => Marshal.PtrToStringUTF8(GnuGetLibcVersionPtr());
}
