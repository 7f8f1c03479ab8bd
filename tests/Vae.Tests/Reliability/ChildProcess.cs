using System.Diagnostics;
using System.Text;

namespace Vae.Tests.Reliability;

/// <summary>The `vae` command run as a separate process (from the test's output folder), so it can be killed.</summary>
public sealed class ChildProcess : IDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();
    private readonly StringBuilder errors = new();

    public ChildProcess(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Vae.Cli.dll"));
        foreach (var a in args) info.ArgumentList.Add(a);
        info.Environment["OMP_NUM_THREADS"] = "1";
        process = Process.Start(info)!;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (errors) errors.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Output { get { lock (output) return output.ToString(); } }
    public string Errors { get { lock (errors) return errors.ToString(); } }
    public bool HasExited => process.HasExited;
    public int Id => process.Id;

    /// <summary>SIGKILL: the process gets no chance to clean up.</summary>
    public void Kill() { try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { } process.WaitForExit(); }

    /// <summary>Sends a POSIX signal (INT, TERM) with kill(1).</summary>
    public void Signal(string name) => Process.Start("kill", $"-{name} {process.Id}")!.WaitForExit();

    public int Wait(int timeoutMs = 600_000)
    {
        if (!process.WaitForExit(timeoutMs)) { Kill(); throw new TimeoutException("the vae process did not finish in time:\n" + Errors); }
        process.WaitForExit(); // flush the asynchronous readers
        return process.ExitCode;
    }

    public void Dispose()
    {
        if (!process.HasExited) Kill();
        process.Dispose();
    }
}
