using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Vae.Distributed;

/// <summary>What became of an mpirun started by <see cref="MpiRun.Start"/>.</summary>
/// <param name="ExitCode">mpirun's exit code.</param>
/// <param name="Stopped">When mpirun reported a rank that died: which, and how ("exited on signal 9 (Killed)").</param>
/// <param name="RankReportedError">Whether a rank printed an error line (then it said what happened).</param>
public sealed record MpiRunResult(int ExitCode, (int Rank, string How)? Stopped, bool RankReportedError);

/// <summary>
/// Starts a command as N ranks of an mpirun on this machine (<c>vae train --ranks N</c>): Open MPI's
/// <c>mpirun</c> with the settings one machine needs (run as root allowed, more ranks than cores allowed,
/// shared-memory transport unless the user chose one), the ranks' output passed through line by line.
/// Open MPI's own multi-line notices (framed by dashed lines) are left out; the rank that died, if one
/// did, is returned instead, so the caller says it in one line. An error line that several ranks print
/// alike is printed once.
/// </summary>
public static partial class MpiRun
{
    /// <summary>The mpirun on the PATH, or null.</summary>
    public static string? FindMpirun() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(d => Path.Combine(d, "mpirun")).FirstOrDefault(File.Exists);

    /// <summary>Whether Open MPI can run here: mpirun on the PATH and libmpi.so.40 loadable.</summary>
    public static bool Available => FindMpirun() is not null && OpenMpi.TryLoad() is not null;

    /// <summary>Why Open MPI cannot run here (null when it can).</summary>
    public static string? Unavailable =>
        FindMpirun() is null ? "Open MPI's mpirun is not on the PATH"
        : OpenMpi.TryLoad() is null ? $"Open MPI's {OpenMpi.LibraryName} could not be loaded ({OpenMpi.LoadError})"
        : null;

    /// <summary>mpirun's arguments and environment for <paramref name="ranks"/> copies of <paramref name="command"/> on this machine.</summary>
    public static ProcessStartInfo StartInfo(int ranks, IReadOnlyList<string> command)
    {
        var mpirun = FindMpirun() ?? throw new VaeException($"--ranks {ranks}: {Unavailable}; install Open MPI with: apt-get install openmpi-bin libopenmpi-dev");
        var info = new ProcessStartInfo(mpirun) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "-np", ranks.ToString(System.Globalization.CultureInfo.InvariantCulture), "--oversubscribe" }) info.ArgumentList.Add(a);
        if (Environment.UserName == "root") info.ArgumentList.Add("--allow-run-as-root");
        if (ranks > Environment.ProcessorCount) { info.ArgumentList.Add("--bind-to"); info.ArgumentList.Add("none"); }
        foreach (var a in command) info.ArgumentList.Add(a);
        SetDefault(info, "OMPI_MCA_btl", "self,vader");                      // one machine: shared memory
        SetDefault(info, "OMPI_MCA_btl_vader_single_copy_mechanism", "none"); // containers often forbid cross-process memory access (CMA)
        info.Environment["TERM"] = "dumb";   // mpirun gives each rank a pseudo-terminal as stdout; .NET would write terminal set-up sequences to it
        if (!OnPath("ssh") && !OnPath("rsh")) SetDefault(info, "OMPI_MCA_plm_rsh_agent", "false");  // no remote shell: local ranks only
        return info;
    }

    private static void SetDefault(ProcessStartInfo info, string name, string value)
    {
        if (Environment.GetEnvironmentVariable(name) is null) info.Environment[name] = value;
    }

    private static bool OnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries).Any(d => File.Exists(Path.Combine(d, program)));

    /// <summary>Runs <paramref name="command"/> as <paramref name="ranks"/> ranks and waits for it; lines go to <paramref name="output"/> and <paramref name="error"/>.</summary>
    public static MpiRunResult Start(int ranks, IReadOnlyList<string> command, Action<string> output, Action<string> error)
    {
        using var process = Process.Start(StartInfo(ranks, command)) ?? throw new VaeException("could not start mpirun.");
        var filter = new NoticeFilter(error);
        var lockObject = new Lock();
        process.OutputDataReceived += (_, e) => { if (e.Data is { } line) lock (lockObject) filter.Line(line, output); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is { } line) lock (lockObject) filter.Line(line, error); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.WaitForExit();
        return new MpiRunResult(process.ExitCode, filter.Stopped, filter.ErrorsSeen);
    }

    /// <summary>Passes lines through, holding back Open MPI's framed notices and repeated error lines.</summary>
    public sealed partial class NoticeFilter(Action<string> error)
    {
        private List<string>? notice;
        private readonly HashSet<string> errors = [];

        public (int Rank, string How)? Stopped { get; private set; }

        public bool ErrorsSeen => errors.Count > 0;

        public void Line(string line, Action<string> to)
        {
            line = TerminalSetup().Replace(line, "");
            if (Frame().IsMatch(line))
            {
                if (notice is null) { notice = []; return; }
                Examine(notice);
                notice = null;
                return;
            }
            if (notice is not null) { notice.Add(line); return; }
            if (line.StartsWith("error", StringComparison.Ordinal))
            {
                // After the first error, a rank's timeout is its consequence (a stopped rank resumed by mpirun's SIGCONT, say).
                if (errors.Count > 0 && line.Contains("no answer from", StringComparison.Ordinal)) return;
                if (!errors.Add(RankTag().Replace(line, ""))) return;
            }
            to(line);
        }

        private void Examine(List<string> lines)
        {
            var text = string.Join(" ", lines.Select(l => l.Trim()));
            if (Noticed().Match(text) is { Success: true } m && Stopped is null)
                Stopped = (int.Parse(m.Groups["rank"].Value, System.Globalization.CultureInfo.InvariantCulture), m.Groups["how"].Value.TrimEnd('.'));
            else if (!new[] { "MPI_ABORT was invoked", "Primary job", "exited on signal", "exited with non-zero status" }.Any(known => text.Contains(known, StringComparison.Ordinal)))
                foreach (var l in lines) error(l);   // a notice we do not know: keep it
        }

        [GeneratedRegex(@"^-{20,}$")]
        private static partial Regex Frame();

        [GeneratedRegex(@"\x1b\[\?1[hl]\x1b[=>]")]
        private static partial Regex TerminalSetup();

        [GeneratedRegex(@" \(rank \d+\)")]
        private static partial Regex RankTag();

        [GeneratedRegex(@"process rank (?<rank>\d+) with PID \d+ on node \S+ (?<how>exited on signal \d+ \([^)]*\)|exited with status \d+|.*?)\.?( |$)")]
        private static partial Regex Noticed();
    }
}
