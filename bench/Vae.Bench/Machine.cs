using System.Runtime.InteropServices;
using Vae.Runs;

namespace Vae.Bench;

public static class Machine
{
    public static string Describe() =>
        $"{RunEnvironment.CpuName()}, {Environment.ProcessorCount} cores visible, {TotalMemoryGiB():F0} GiB RAM, "
        + $"{RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}, TorchSharp {typeof(TorchSharp.torch).Assembly.GetName().Version}, "
        + $"libtorch threads {TorchSharp.torch.get_num_threads()}";

    static double TotalMemoryGiB()
    {
        try
        {
            var line = File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal", StringComparison.Ordinal));
            return double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / (1024 * 1024);
        }
        catch (IOException) { return double.NaN; }
    }

    public static double Median(IEnumerable<double> values)
    {
        var v = values.Order().ToArray();
        return v.Length == 0 ? double.NaN : v.Length % 2 == 1 ? v[v.Length / 2] : 0.5 * (v[v.Length / 2 - 1] + v[v.Length / 2]);
    }
}
