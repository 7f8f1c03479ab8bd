using System.Runtime.InteropServices;

namespace Vae.IO;

/// <summary>
/// Replaces a whole folder at once: the new contents are written to a hidden sibling folder, then
/// swapped with the old one by a single rename. A crash at any instant leaves either the old
/// complete folder or the new complete one. On Linux the swap is renameat2(RENAME_EXCHANGE), which
/// is atomic; elsewhere the old folder is first renamed aside, and <see cref="Recover"/> puts it
/// back if a crash came between the two renames. Files in the old folder that the writer did not
/// produce (a user's pictures, say) are carried over into the new one.
/// </summary>
public static partial class AtomicDirectory
{
    public static void Replace(string target, Action<string> write)
    {
        target = Path.GetFullPath(target.TrimEnd('/', '\\'));
        string parent = Path.GetDirectoryName(target) ?? throw new VaeException($"{target}: cannot write to a root folder.");
        string name = Path.GetFileName(target);
        Recover(target);
        if (File.Exists(target)) throw new VaeException($"{target}: exists and is a file, not a folder.");
        string staging = Path.Combine(parent, $".{name}.tmp-{Environment.ProcessId}-{Guid.NewGuid():N}");
        try
        {
            Directory.CreateDirectory(parent);
            DeleteStale(parent, name);
            Directory.CreateDirectory(staging);
            write(staging);
            if (Directory.Exists(target)) CarryOver(target, staging);
            Swap(staging, target);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(staging);
            throw new VaeException($"{target}: could not write ({e.Message.TrimEnd('.')}); the previous contents are intact.", e);
        }
        catch
        {
            TryDelete(staging);
            throw;
        }
        TryDelete(staging); // after an exchange it holds the old contents
    }

    /// <summary>If a crash left the folder renamed aside (non-Linux swap), puts it back.</summary>
    public static void Recover(string target)
    {
        target = Path.GetFullPath(target.TrimEnd('/', '\\'));
        string parent = Path.GetDirectoryName(target)!;
        if (Directory.Exists(target) || !Directory.Exists(parent)) return;
        var aside = Directory.GetDirectories(parent, $".{Path.GetFileName(target)}.old-*");
        if (aside.Length > 0) Directory.Move(aside.OrderByDescending(Directory.GetLastWriteTimeUtc).First(), target);
    }

    static void Swap(string staging, string target)
    {
        if (!Directory.Exists(target)) { Directory.Move(staging, target); return; }
        if (OperatingSystem.IsLinux() && RenameExchange(staging, target)) return;
        string aside = Path.Combine(Path.GetDirectoryName(target)!, $".{Path.GetFileName(target)}.old-{Guid.NewGuid():N}");
        Directory.Move(target, aside);
        Directory.Move(staging, target);
        TryDelete(aside);
    }

    static bool RenameExchange(string a, string b)
    {
        const int AtFdCwd = -100, RenameExchangeFlag = 2;
        try { return Renameat2(AtFdCwd, a, AtFdCwd, b, RenameExchangeFlag) == 0; }
        catch (EntryPointNotFoundException) { return false; }
        catch (DllNotFoundException) { return false; }
    }

    static void CarryOver(string from, string to)
    {
        foreach (var file in Directory.GetFiles(from))
        {
            string dest = Path.Combine(to, Path.GetFileName(file));
            if (!File.Exists(dest) && !Directory.Exists(dest)) LinkOrCopy(file, dest);
        }
        foreach (var dir in Directory.GetDirectories(from))
        {
            string dest = Path.Combine(to, Path.GetFileName(dir));
            if (File.Exists(dest)) continue;
            Directory.CreateDirectory(dest);
            CarryOver(dir, dest);
        }
    }

    static void LinkOrCopy(string source, string dest)
    {
        if (OperatingSystem.IsLinux())
        {
            try { if (Link(source, dest) == 0) return; }
            catch (EntryPointNotFoundException) { }
            catch (DllNotFoundException) { }
        }
        File.Copy(source, dest);
    }

    static void DeleteStale(string parent, string name)
    {
        foreach (var stale in Directory.GetDirectories(parent, $".{name}.tmp-*")) TryDelete(stale);
    }

    static void TryDelete(string dir)
    {
        try { if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    [LibraryImport("libc", EntryPoint = "renameat2", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Renameat2(int olddirfd, string oldpath, int newdirfd, string newpath, uint flags);

    [LibraryImport("libc", EntryPoint = "link", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Link(string oldpath, string newpath);
}
