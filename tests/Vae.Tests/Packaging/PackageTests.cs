using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Vae.Evaluation;
using Vae.Runs;
using Vae.Tests.Platform;
using static TorchSharp.torch;

namespace Vae.Tests.Packaging;

/// <summary>
/// `build/pack` (once, <see cref="PackedBuild"/>): the packages' contents, the `vae` tool installed from them into a
/// temporary tool path and run, and examples/QuickStart built against the packed library from a temporary source.
/// The installed tool and the repository's own build train the same model to the same numbers; the example's
/// evaluation agrees with the library's in this process.
/// </summary>
public sealed class PackageTests(PackedBuild packed) : IClassFixture<PackedBuild>
{
    const string Glibcxx = "GLIBCXX_3.4.32";

    [Fact]
    public void Pack_Makes_The_Library_Package_And_The_Tool_Packages()
    {
        string v = packed.Version;
        using (var library = ZipFile.OpenRead(Path.Combine(packed.Packages, $"VaeToolkit.{v}.nupkg")))
        {
            var nuspec = Nuspec(library);
            Assert.Equal("VaeToolkit", Meta(nuspec, "id"));
            Assert.Equal(v, Meta(nuspec, "version"));
            Assert.Equal("MIT", Meta(nuspec, "license"));
            Assert.Equal("README.md", Meta(nuspec, "readme"));
            // The native libtorch assets reach consumers through the TorchSharp-cpu dependency, at the version the repository builds with.
            var torch = nuspec.Descendants().Single(e => e.Name.LocalName == "dependency" && (string?)e.Attribute("id") == "TorchSharp-cpu");
            Assert.Equal(CentralVersion("TorchSharp-cpu"), (string?)torch.Attribute("version"));
            foreach (var entry in new[] { "lib/net10.0/Vae.dll", "README.md", "buildTransitive/VaeToolkit.targets",
                         "buildTransitive/LibTorchSharpGlibcxxFix.targets", "build/VaeToolkit.targets" })
                Assert.NotNull(library.GetEntry(entry));
        }
        using (var pointer = ZipFile.OpenRead(Path.Combine(packed.Packages, $"VaeToolkit.Cli.{v}.nupkg")))
        {
            var settings = XDocument.Load(pointer.GetEntry("tools/any/any/DotnetToolSettings.xml")!.Open());
            Assert.Equal("vae", (string?)settings.Descendants("Command").Single().Attribute("Name"));
            Assert.Contains(settings.Descendants("RuntimeIdentifierPackage"), e => (string?)e.Attribute("Id") == "VaeToolkit.Cli.linux-x64");
        }
        using var linux = ZipFile.OpenRead(Path.Combine(packed.Packages, $"VaeToolkit.Cli.linux-x64.{v}.nupkg"));
        foreach (var entry in new[] { "Vae.Cli.dll", "Vae.dll", "TorchSharp.dll", "libtorch_cpu.so", "libSkiaSharp.so" })
            Assert.NotNull(linux.GetEntry("tools/net10.0/linux-x64/" + entry));
        // The tool's copy of libLibTorchSharp.so is shipped with the GLIBCXX_3.4.32 requirement weak, whatever machine packed it.
        var flags = ElfVersionNeeds.Flags(Bytes(linux.GetEntry("tools/net10.0/linux-x64/libLibTorchSharp.so")!), Glibcxx);
        Assert.NotEmpty(flags);
        Assert.All(flags, f => Assert.True((f & 2) != 0, "the requirement is not weak"));
    }

    [Fact]
    public void Installed_Tool_Runs_And_Trains_As_The_Repository_Build_Does()
    {
        string tools = Path.Combine(packed.Temp.Path, "tools"), work = Path.Combine(packed.Temp.Path, "tool-run");
        var install = PackedBuild.Run(packed.Temp.Path, "dotnet", "tool", "install", "--tool-path", tools,
            "--add-source", packed.Packages, "--version", packed.Version, "VaeToolkit.Cli");
        Assert.True(install.Code == 0, install.Out + install.Err);
        string vae = Path.Combine(tools, "vae"), repoCli = Path.Combine(AppContext.BaseDirectory, "Vae.Cli.dll");

        Directory.CreateDirectory(work);
        var help = PackedBuild.Run(work, vae, "--help");
        var repoHelp = PackedBuild.Run(work, "dotnet", repoCli, "--help");
        Assert.True(help.Code == 0, help.Err);
        Assert.Contains("train", help.Out);
        Assert.Equal(repoHelp.Out, help.Out);

        string data = "mnist:" + Fixtures.MnistFolder(work, train: 256, test: 64);
        string[] train = ["train", "--data", data, "--latent", "4", "--hidden", "32", "--epochs", "2", "--batch-size", "32",
            "--val-size", "32", "--seed", "7", "--threads", "1"];
        var fromTool = PackedBuild.Run(work, vae, [.. train, "--out", Path.Combine(work, "tool")]);
        Assert.True(fromTool.Code == 0, fromTool.Out + fromTool.Err);
        var fromRepo = PackedBuild.Run(work, "dotnet", [repoCli, .. train, "--out", Path.Combine(work, "repo")]);
        Assert.True(fromRepo.Code == 0, fromRepo.Out + fromRepo.Err);
        var (toolEpochs, repoEpochs) = (Metrics(Path.Combine(work, "tool")), Metrics(Path.Combine(work, "repo")));
        Assert.Equal(2, toolEpochs.Count);
        Assert.Equal(repoEpochs, toolEpochs);

        Assert.DoesNotContain(PackedBuild.MachineCacheEntries(), e => e.StartsWith("vaetoolkit", StringComparison.Ordinal));
    }

    [Fact]
    public void QuickStart_Example_Builds_Against_The_Package_And_Agrees_With_The_Library()
    {
        string example = Path.Combine(packed.Temp.Path, "example");
        Directory.CreateDirectory(example);
        foreach (var file in new[] { "Program.cs", "QuickStart.csproj" })
            File.Copy(Path.Combine(packed.Root, "examples", "QuickStart", file), Path.Combine(example, file));
        File.WriteAllText(Path.Combine(example, "Directory.Build.props"), "<Project />");
        File.WriteAllText(Path.Combine(example, "Directory.Build.targets"), "<Project />");
        File.WriteAllText(Path.Combine(example, "NuGet.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <config><add key="globalPackagesFolder" value="{Path.Combine(packed.Temp.Path, "nuget")}" /></config>
              <packageSources>
                <clear />
                <add key="packed" value="{packed.Packages}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" protocolVersion="3" />
              </packageSources>
              <fallbackPackageFolders><add key="machine" value="{PackedBuild.MachineCache}" /></fallbackPackageFolders>
            </configuration>
            """);
        var build = PackedBuild.Run(example, "dotnet", "build", "-c", "Release", "-nologo", "-v", "quiet", "-clp:ErrorsOnly",
            "-p:VaeToolkitVersion=" + packed.Version);
        Assert.True(build.Code == 0, build.Out + build.Err);
        string output = Path.Combine(example, "bin", "Release", "net10.0");
        AssertGlibcxxFixAsNeeded(Path.Combine(output, "runtimes", "linux-x64", "native", "libLibTorchSharp.so"));

        string folder = Path.Combine(example, "run");
        string data = "mnist:" + Fixtures.MnistFolder(example, train: 256, test: 64);
        var run = PackedBuild.Run(example, "dotnet", Path.Combine(output, "QuickStart.dll"), data, folder);
        Assert.True(run.Code == 0, run.Out + run.Err);
        var m = Regex.Match(run.Out, @"test -ELBO (\S+) \(reconstruction (\S+), KL (\S+)\), NLL (\S+) \(K = 100, n = 64\)");
        Assert.True(m.Success, run.Out);
        double Printed(int g) => double.Parse(m.Groups[g].Value, CultureInfo.InvariantCulture);

        using var model = ModelFolder.Load(folder, CPU);
        Assert.Equal(2, model.State!.Epoch);
        var report = ModelEvaluator.Evaluate(model.Model, EvaluationData.LoadTest(model.Config), CPU, k: 100);
        Assert.Equal(-report.Elbo, Printed(1), 0.002);
        Assert.Equal(report.Reconstruction, Printed(2), 0.002);
        Assert.Equal(report.Kl, Printed(3), 0.002);
        Assert.Equal(report.Nll!.Value, Printed(4), 0.01);
        Assert.DoesNotContain(PackedBuild.MachineCacheEntries(), e => e.StartsWith("vaetoolkit", StringComparison.Ordinal));
    }

    /// <summary>The consumer's copy is marked weak exactly when this machine's libstdc++ lacks the version (the package's buildTransitive step).</summary>
    static void AssertGlibcxxFixAsNeeded(string lib)
    {
        Assert.True(File.Exists(lib), lib);
        string? system = new[] { "/usr/lib/x86_64-linux-gnu/libstdc++.so.6", "/lib/x86_64-linux-gnu/libstdc++.so.6" }.FirstOrDefault(File.Exists);
        if (system is null) return;
        bool systemHasIt = File.ReadAllBytes(system).AsSpan().IndexOf(System.Text.Encoding.ASCII.GetBytes(Glibcxx + "\0")) >= 0;
        var flags = ElfVersionNeeds.Flags(File.ReadAllBytes(lib), Glibcxx);
        Assert.NotEmpty(flags);
        Assert.All(flags, f => Assert.Equal(!systemHasIt, (f & 2) != 0));
    }

    /// <summary>Every epoch's numbers of metrics.jsonl, without its timings.</summary>
    static List<string> Metrics(string folder) =>
        File.ReadAllLines(Path.Combine(folder, "metrics.jsonl")).Select(line =>
        {
            using var doc = JsonDocument.Parse(line);
            return string.Join(",", doc.RootElement.EnumerateObject()
                .Where(p => p.Name is not ("seconds" or "samples_per_second")).Select(p => $"{p.Name}={p.Value.GetRawText()}"));
        }).ToList();

    static XElement Nuspec(ZipArchive package) =>
        XDocument.Load(package.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open()).Root!;

    static string? Meta(XElement nuspec, string name) =>
        nuspec.Descendants().FirstOrDefault(e => e.Name.LocalName == name)?.Value;

    string? CentralVersion(string id) =>
        (string?)XDocument.Load(Path.Combine(packed.Root, "Directory.Packages.props")).Descendants("PackageVersion")
            .Single(e => (string?)e.Attribute("Include") == id).Attribute("Version");

    static byte[] Bytes(ZipArchiveEntry entry)
    {
        using var s = entry.Open();
        using var m = new MemoryStream();
        s.CopyTo(m);
        return m.ToArray();
    }
}
