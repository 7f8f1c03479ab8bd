using System.Diagnostics;

namespace Vae.Data;

/// <summary>Installs a Debian package that provides data, when it is missing and we may (root, apt-get present).</summary>
public static class DebianPackages
{
    /// <summary>
    /// Ensures <paramref name="path"/> exists, installing <paramref name="package"/> with apt-get
    /// when it does not and the process runs as root; otherwise explains how to get it.
    /// </summary>
    public static void Ensure(string package, string path, TextWriter log)
    {
        if (File.Exists(path) || Directory.Exists(path)) return;
        string how = $"install it with: sudo apt-get install {package}";
        if (!OperatingSystem.IsLinux() || !File.Exists("/usr/bin/apt-get"))
            throw new VaeException($"{path} not found; it comes from the Debian package {package} ({how}).");
        if (Environment.UserName != "root")
            throw new VaeException($"{path} not found; {how} (this program installs it itself only when run as root).");
        log.WriteLine($"{path} not found; installing the Debian package {package} …");
        if (!AptGet($"install -y -q {package}", log))
        {
            AptGet("update -q", log);
            if (!AptGet($"install -y -q {package}", log))
                throw new VaeException($"apt-get could not install {package}; {how} by hand and run again.");
        }
        if (!File.Exists(path) && !Directory.Exists(path))
            throw new VaeException($"{package} was installed but {path} is still missing.");
    }

    static bool AptGet(string arguments, TextWriter log)
    {
        var info = new ProcessStartInfo("apt-get", arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        info.Environment["DEBIAN_FRONTEND"] = "noninteractive";
        using var process = Process.Start(info) ?? throw new VaeException("could not start apt-get.");
        string output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) log.WriteLine(output.Trim().Split('\n').LastOrDefault() ?? "");
        return process.ExitCode == 0;
    }
}
