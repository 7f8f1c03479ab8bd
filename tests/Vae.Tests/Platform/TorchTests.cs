using static TorchSharp.torch;

namespace Vae.Tests.Platform;

public class TorchTests
{
    [Fact]
    public void Torch_Initialises_And_Computes()
    {
        using var a = ones(3, 4);
        using var b = a.matmul(a.T);
        Assert.Equal(4f, b[0, 0].item<float>());
        Assert.Equal(36f, b.sum().item<float>());
    }

    [Fact]
    public void Build_Output_Copy_Of_LibTorchSharp_Is_Patched_Only_When_System_Lacks_Glibcxx_3_4_32()
    {
        if (!OperatingSystem.IsLinux()) return;
        string lib = Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
        Assert.True(File.Exists(lib), lib);
        string? system = new[] { "/usr/lib/x86_64-linux-gnu/libstdc++.so.6", "/lib/x86_64-linux-gnu/libstdc++.so.6" }.FirstOrDefault(File.Exists);
        if (system is null) return;
        bool systemHasIt = Contains(File.ReadAllBytes(system), "GLIBCXX_3.4.32\0"u8.ToArray());
        var flags = ElfVersionNeeds.Flags(File.ReadAllBytes(lib), "GLIBCXX_3.4.32");
        Assert.NotEmpty(flags); // the package's library does declare the requirement
        Assert.All(flags, f => Assert.Equal(!systemHasIt, (f & 2) != 0));
    }

    static bool Contains(byte[] hay, byte[] needle) => hay.AsSpan().IndexOf(needle) >= 0;
}
