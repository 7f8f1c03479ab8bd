using System.Diagnostics;
using Vae.IO;
using Vae.Runs;

namespace Vae.Tests.IO;

public class AtomicDirectoryTests
{
    [Fact]
    public void A_Failed_Write_Leaves_The_Previous_Contents_Intact_And_No_Staging_Folder()
    {
        using var tmp = new TempDir();
        string target = tmp.File("model");
        AtomicDirectory.Replace(target, d => File.WriteAllText(Path.Combine(d, "a.txt"), "first"));
        var e = Assert.Throws<VaeException>(() => AtomicDirectory.Replace(target, d =>
        {
            File.WriteAllText(Path.Combine(d, "a.txt"), "second, half written");
            throw new IOException("No space left on device");
        }));
        Assert.Contains("No space left on device", e.Message);
        Assert.Contains("the previous contents are intact", e.Message);
        Assert.Equal("first", File.ReadAllText(Path.Combine(target, "a.txt")));
        Assert.Single(Directory.GetFileSystemEntries(tmp.Path));
    }

    [Fact]
    public void Replacing_Swaps_The_Whole_Folder_And_Keeps_Foreign_Files()
    {
        using var tmp = new TempDir();
        string target = tmp.File("model");
        AtomicDirectory.Replace(target, d => { File.WriteAllText(Path.Combine(d, "a.txt"), "1"); File.WriteAllText(Path.Combine(d, "b.txt"), "1"); });
        File.WriteAllText(Path.Combine(target, "notes.md"), "mine");
        AtomicDirectory.Replace(target, d => File.WriteAllText(Path.Combine(d, "a.txt"), "2"));
        Assert.Equal("2", File.ReadAllText(Path.Combine(target, "a.txt")));
        Assert.Equal("mine", File.ReadAllText(Path.Combine(target, "notes.md")));
        Assert.Equal("1", File.ReadAllText(Path.Combine(target, "b.txt")));   // not rewritten: carried over like any foreign file
        Assert.Single(Directory.GetFileSystemEntries(tmp.Path));
    }

    [Fact]
    public void A_Folder_Renamed_Aside_By_A_Crash_Is_Recovered()
    {
        using var tmp = new TempDir();
        Directory.CreateDirectory(tmp.File(".model.old-abc"));
        File.WriteAllText(tmp.File(".model.old-abc/a.txt"), "kept");
        AtomicDirectory.Recover(tmp.File("model"));
        Assert.Equal("kept", File.ReadAllText(tmp.File("model/a.txt")));
    }

    /// <summary>
    /// End to end on a real full disk and a real read-only file system (a small tmpfs; needs root and
    /// mount, as on this project's machines — elsewhere the fault-injection test above covers it).
    /// </summary>
    [Fact]
    public void Training_Onto_A_Full_Or_Read_Only_Disk_Fails_Clearly_And_Keeps_The_Last_Checkpoint()
    {
        using var tmp = new TempDir();
        string mount = tmp.File("disk");
        Directory.CreateDirectory(mount);
        if (!Run("mount", $"-t tmpfs -o size=6m tmpfs {mount}")) return; // no privilege to mount here
        try
        {
            string mnist = Fixtures.MnistFolder(tmp.Path, train: 256, test: 32);
            string dir = Path.Combine(mount, "model");
            // A model whose checkpoint (≈1.3 MB of weights + 2.5 MB of optimizer state) fits once, not twice.
            string[] train = ["train", "--data", "mnist:" + mnist, "--out", dir, "--epochs", "1", "--hidden", "200", "--latent", "4", "--val-size", "0", "--batch-size", "64"];
            var first = Cli.CliRunner.Run(train);
            Assert.True(first.ExitCode == 0, first.Error);
            byte[] weights = File.ReadAllBytes(Path.Combine(dir, "model.dat"));
            var full = Cli.CliRunner.Run("train", "--resume", dir, "--epochs", "2");
            Assert.Equal(2, full.ExitCode);
            Assert.Contains("could not write", full.Error);
            Assert.Contains("previous contents are intact", full.Error);
            Assert.Equal(weights, File.ReadAllBytes(Path.Combine(dir, "model.dat")));
            Assert.Equal(1, Vae.Runs.ModelFolder.ReadState(dir).Epoch);

            Assert.True(Run("mount", $"-o remount,ro {mount}"));
            var readOnly = Cli.CliRunner.Run("train", "--resume", dir, "--epochs", "2");
            Assert.Equal(2, readOnly.ExitCode);
            Assert.Contains("could not write", readOnly.Error);
            Assert.Equal(weights, File.ReadAllBytes(Path.Combine(dir, "model.dat")));
        }
        finally
        {
            Run("umount", mount);
        }
    }

    static bool Run(string program, string arguments)
    {
        try
        {
            using var p = Process.Start(new ProcessStartInfo(program, arguments) { RedirectStandardError = true, RedirectStandardOutput = true })!;
            p.WaitForExit();
            return p.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception) { return false; }
    }
}
