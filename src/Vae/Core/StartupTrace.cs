using System.Diagnostics;

namespace Vae;

/// <summary>
/// Where a process's start-up time goes: with <c>VAE_TRACE_STARTUP=1</c> each <see cref="Mark"/> writes
/// "startup: PHASE at S s (cpu C s, rss R MB, peak P MB)" to standard error, S counted from the process's start
/// (as the kernel records it), C the process's CPU time so far, R and P its resident set now and at its peak. `bench/run families --only startup` reads these lines;
/// without the variable a mark costs one cached boolean test.
/// </summary>
public static class StartupTrace
{
    static readonly bool On = Environment.GetEnvironmentVariable("VAE_TRACE_STARTUP") == "1";
    static int firstStep;

    public static void Mark(string phase)
    {
        if (!On) return;
        using var self = Process.GetCurrentProcess();
        double since = (DateTime.Now - self.StartTime).TotalSeconds;
        Console.Error.WriteLine(FormattableString.Invariant(
            $"startup: {phase} at {since:F3} s (cpu {self.TotalProcessorTime.TotalSeconds:F3} s, rss {self.WorkingSet64 >> 20} MB, peak {self.PeakWorkingSet64 >> 20} MB)"));
    }

    /// <summary>Marks "first step" once per process, after the first optimizer step completes.</summary>
    public static void FirstStep()
    {
        if (On && Interlocked.Exchange(ref firstStep, 1) == 0) Mark("first step");
    }
}
