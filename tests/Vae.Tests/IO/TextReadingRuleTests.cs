using System.Text.RegularExpressions;

namespace Vae.Tests.IO;

/// <summary>
/// The rule that keeps every text reader strict: outside Vae.IO's Utf8LineReader and Utf8Text, no source file of the
/// library or the command reads a file as text its own way (File.ReadLines / ReadAllLines / ReadAllText / OpenText, a
/// StreamReader); only the kernel's /proc files, which are not user input, are read directly.
/// </summary>
public class TextReadingRuleTests
{
    static readonly Regex Lenient = new(@"File\.(ReadLines|ReadAllLines|ReadAllText|OpenText)\s*\(|new\s+StreamReader\s*\(", RegexOptions.Compiled);

    [Fact]
    public void Every_Text_File_Is_Read_Through_The_Strict_Utf8_Reader()
    {
        string root = Path.GetDirectoryName(Path.GetDirectoryName(Layering.LayeringTests.SrcVae()))!;
        var offenders = new List<string>();
        foreach (var path in Directory.EnumerateFiles(Path.Combine(root, "src"), "*.cs", SearchOption.AllDirectories))
        {
            string relative = Path.GetRelativePath(root, path).Replace('\\', '/');
            if (relative.Contains("/obj/") || relative.Contains("/bin/") || relative is "src/Vae/IO/Utf8Text.cs" or "src/Vae/IO/Utf8LineReader.cs") continue;
            var lines = File.ReadAllLines(path);
            for (int i = 0; i < lines.Length; i++)
                if (Lenient.IsMatch(lines[i]) && !lines[i].Contains("\"/proc/", StringComparison.Ordinal) && !lines[i].TrimStart().StartsWith("///", StringComparison.Ordinal))
                    offenders.Add($"{relative}:{i + 1}: {lines[i].Trim()}");
        }
        Assert.True(offenders.Count == 0, "read these with Vae.IO.Utf8LineReader or Utf8Text:\n" + string.Join("\n", offenders));
    }

    [Fact]
    public void The_Rule_Sees_A_Lenient_Reader() =>
        Assert.True(Lenient.IsMatch("        foreach (var text in File.ReadLines(path))") && Lenient.IsMatch("using var r = new StreamReader(path);"));
}
