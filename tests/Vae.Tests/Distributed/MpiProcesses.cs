using System.Diagnostics;

namespace Vae.Tests.Distributed;

/// <summary>Starting the command line under mpirun from a test, and finding its ranks' processes.</summary>
public static class MpiProcesses
{
    /// <summary>Why the tests that need Open MPI cannot run here (null when they can).</summary>
    public static string? Missing => Vae.Distributed.MpiRun.Unavailable is { } why ? $"{why} (apt-get install openmpi-bin libopenmpi-dev)"
        : !File.Exists(Path.Combine(AppContext.BaseDirectory, "Vae.Cli.runtimeconfig.json")) ? "Vae.Cli.runtimeconfig.json is not beside the tests" : null;

    public static string Cli => Path.Combine(AppContext.BaseDirectory, "Vae.Cli.dll");

    /// <summary>
    /// Runs mpirun with one or more groups of ranks (Open MPI's "-np 1 cmd : -np 1 cmd" form), each group the
    /// `vae` command with its arguments; returns the exit code and everything printed.
    /// </summary>
    public static (int ExitCode, string Output) Run(TimeSpan limit, params string[][] groups)
    {
        var info = Vae.Distributed.MpiRun.StartInfo(1, ["dotnet", Cli, .. groups[0]]);
        for (int g = 1; g < groups.Length; g++)
            foreach (var a in new[] { ":", "-np", "1", "dotnet", Cli }.Concat(groups[g])) info.ArgumentList.Add(a);
        info.Environment["OMPI_MCA_rmaps_base_oversubscribe"] = "1";
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(limit)) { process.Kill(entireProcessTree: true); throw new TimeoutException($"mpirun did not finish within {limit}"); }
        return (process.ExitCode, output.Result + error.Result);
    }

    /// <summary>The process of rank <paramref name="rank"/> whose command line mentions <paramref name="marker"/> (a unique folder).</summary>
    public static int? FindRank(int rank, string marker)
    {
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out int pid)) continue;
            try
            {
                var cmdline = File.ReadAllText(Path.Combine(dir, "cmdline"));
                if (!cmdline.Contains(marker, StringComparison.Ordinal) || !cmdline.Contains("Vae.Cli.dll", StringComparison.Ordinal)) continue;
                var environ = File.ReadAllText(Path.Combine(dir, "environ")).Split('\0');
                if (environ.Contains($"OMPI_COMM_WORLD_RANK={rank}")) return pid;
            }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
        return null;
    }

    public static void Signal(int pid, string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-s", signal, pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]))!;
        kill.WaitForExit();
    }
}
