using System.Diagnostics;
using System.Text;

namespace Vae.Tests.Packaging;

/// <summary>
/// One `build/pack` into a temporary folder, shared by the packaging tests. The version is a prerelease unique to
/// this run (0.1.0-test.&lt;time&gt;.&lt;random&gt;), and everything that installs or restores it does so into folders
/// under the same temporary folder (a tool path; a package folder with the machine's NuGet cache as a read-only
/// fallback), so the machine's cache never receives the package and no stale copy of a version can be picked up.
/// </summary>
public sealed class PackedBuild : IDisposable
{
    public PackedBuild()
    {
        Root = FindRepositoryRoot();
        Version = $"0.1.0-test.{DateTime.UtcNow:yyyyMMddHHmmss}.{Guid.NewGuid().ToString("N")[..8]}";
        Packages = Path.Combine(Temp.Path, "packages");
        CacheBefore = MachineCacheEntries();
        var pack = Run(Root, Path.Combine(Root, "build", "pack"), "--out", Packages, "--version", Version);
        PackOutput = pack.Out;
        if (pack.Code != 0) throw new InvalidOperationException("build/pack failed:\n" + pack.Out + pack.Err);
    }

    public TempDir Temp { get; } = new();
    public string Root { get; }
    public string Version { get; }
    public string Packages { get; }
    public string PackOutput { get; }
    public IReadOnlyList<string> CacheBefore { get; }

    public static string MachineCache =>
        Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } p ? p
        : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    /// <summary>The package ids (folders) in the machine's NuGet cache, sorted.</summary>
    public static IReadOnlyList<string> MachineCacheEntries() =>
        Directory.Exists(MachineCache) ? Directory.GetDirectories(MachineCache).Select(d => Path.GetFileName(d)!).Order().ToList() : [];

    public sealed record Result(int Code, string Out, string Err);

    /// <summary>Runs a program to completion (at most 5 minutes), without the MSBuild variables `dotnet test` sets.</summary>
    public static Result Run(string workingDirectory, string program, params string[] args)
    {
        var info = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var a in args) info.ArgumentList.Add(a);
        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)
                     || k.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase) || k == "DOTNET_HOST_PATH").ToList())
            info.Environment.Remove(key);
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(info)!;
        var (output, errors) = (new StringBuilder(), new StringBuilder());
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (errors) errors.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(300_000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', args)} did not finish in 5 minutes:\n{errors}");
        }
        process.WaitForExit();
        return new Result(process.ExitCode, output.ToString(), errors.ToString());
    }

    static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Vae.slnx")) && File.Exists(Path.Combine(dir.FullName, "build", "pack")))
                return dir.FullName;
        throw new InvalidOperationException("the repository root (Vae.slnx, build/pack) was not found above " + AppContext.BaseDirectory);
    }

    public void Dispose() => Temp.Dispose();
}
