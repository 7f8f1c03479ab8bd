using System.Diagnostics;
using System.Globalization;

namespace Vae.Bench;

/// <summary>
/// What the memory benchmarks share: this program run again as a fresh child process (so a peak RSS is one
/// measurement's alone), and this process's resident set from /proc/self/status.
/// </summary>
public static class BenchProcess
{
    /// <summary>Runs this benchmark program with <paramref name="args"/> and returns the last line it printed.</summary>
    public static string Child(params string[] args)
    {
        var info = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true };
        info.ArgumentList.Add(typeof(BenchProcess).Assembly.Location);
        foreach (var a in args) info.ArgumentList.Add(a);
        using var p = Process.Start(info)!;
        string output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException($"benchmark child {string.Join(" ", args)} failed with exit code {p.ExitCode}");
        return output.Trim().Split('\n')[^1];
    }

    /// <summary>The peak resident set size of this process so far (VmHWM), in bytes.</summary>
    public static long PeakRss() => Status("VmHWM");

    /// <summary>The resident set size of this process now (VmRSS), in bytes.</summary>
    public static long CurrentRss() => Status("VmRSS");

    static long Status(string field)
    {
        var line = Vae.IO.Utf8Text.ReadLines("/proc/self/status").First(l => l.StartsWith(field, StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
    }
}
