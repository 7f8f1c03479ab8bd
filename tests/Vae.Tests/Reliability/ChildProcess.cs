using System.Diagnostics;
using System.Text;

namespace Vae.Tests.Reliability;

/// <summary>The `vae` command run as a separate process (from the test's output folder), so it can be killed.</summary>
public sealed class ChildProcess : IDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();
    private readonly StringBuilder errors = new();

    static ChildProcess() => InheritableInterrupts.Restore();

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

/// <summary>
/// A shell starts a background job (`./test &amp;` without job control) with SIGINT ignored, and an ignored signal stays
/// ignored across exec, where .NET rightly leaves it alone: the `vae` children would then never see the interrupt the
/// tests send. When the test host itself started with SIGINT ignored (so no .NET handler is installed for it), it
/// restores the default disposition, so its children start as they would from a terminal.
/// </summary>
static class InheritableInterrupts
{
    const int SigInt = 2;
    static readonly IntPtr SigDfl = IntPtr.Zero, SigIgn = new(1);

    [System.Runtime.InteropServices.DllImport("libc", SetLastError = true)]
    static extern int sigaction(int signum, IntPtr act, IntPtr oldact);

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "signal")]
    static extern IntPtr SetHandler(int signum, IntPtr handler);

    public static void Restore()
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS()) return;
        // struct sigaction begins with the handler on glibc, musl and Darwin; the buffer is larger than any of them.
        IntPtr old = System.Runtime.InteropServices.Marshal.AllocHGlobal(512);
        try
        {
            if (sigaction(SigInt, IntPtr.Zero, old) == 0 && System.Runtime.InteropServices.Marshal.ReadIntPtr(old) == SigIgn)
                SetHandler(SigInt, SigDfl);
        }
        finally { System.Runtime.InteropServices.Marshal.FreeHGlobal(old); }
    }
}
