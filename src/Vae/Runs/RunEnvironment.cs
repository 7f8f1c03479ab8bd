using System.Runtime.InteropServices;
using TorchSharp;
using static TorchSharp.torch;

namespace Vae.Runs;

/// <summary>environment.json: where and with what a checkpoint was made.</summary>
public sealed record RunEnvironment(
    DateTimeOffset Written,
    string Os,
    string Runtime,
    string TorchSharp,
    string Device,
    int Threads,
    int ProcessorCount,
    string Cpu,
    string CommandLine,
    string? Convolutions = null)
{
    public static RunEnvironment Describe(nn.Module model)
    {
        var device = model.parameters().FirstOrDefault()?.device.ToString() ?? "cpu";
        return new RunEnvironment(
            DateTimeOffset.UtcNow,
            RuntimeInformation.OSDescription,
            RuntimeInformation.FrameworkDescription,
            typeof(torch).Assembly.GetName().Version?.ToString() ?? "?",
            device,
            torch.get_num_threads(),
            Environment.ProcessorCount,
            CpuName(),
            Environment.CommandLine,
            global::Vae.Runtime.ConvolutionPathReason is null ? null : global::Vae.Runtime.DescribeConvolutions()); // CPU convolution path (Runtime.OneDnn.cs)
    }

    public static string CpuName()
    {
        try
        {
            var line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
            return line?.Split(':', 2)[1].Trim() ?? RuntimeInformation.ProcessArchitecture.ToString();
        }
        catch (IOException) { return RuntimeInformation.ProcessArchitecture.ToString(); }
        catch (UnauthorizedAccessException) { return RuntimeInformation.ProcessArchitecture.ToString(); }
    }
}
